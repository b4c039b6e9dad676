package site.paywall.payingcustomers.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import site.paywall.payingcustomers.cognito.CognitoFailure;
import site.paywall.payingcustomers.cognito.CognitoPort;
import site.paywall.payingcustomers.cognito.FailureKind;
import site.paywall.payingcustomers.cognito.GroupInfo;
import site.paywall.payingcustomers.cognito.PoolUser;
import site.paywall.payingcustomers.support.Cli;
import site.paywall.payingcustomers.support.CliRun;
import site.paywall.payingcustomers.support.JsonAssert;

/**
 * What moto cannot produce: throttling that outlasts the retries, a sign-out that fails after the removal, and
 * failures in the middle of an import. The whole command line runs; only the Cognito port is a Mockito mock.
 */
class PartialFailuresTest {
    private static final String POOL = "us-east-1_mocked";
    private final CognitoPort cognito = mock(CognitoPort.class);
    private final List<Duration> sleeps = new ArrayList<>();
    private Cli cli;

    @TempDir
    Path dir;

    @BeforeEach
    void wiring() {
        Wiring wiring = new Wiring((connection, poolId) -> cognito,
                Clock.fixed(Instant.parse("2030-01-02T03:04:05Z"), ZoneOffset.UTC), sleeps::add, () -> 0.5,
                Map.of(), dir, new ByteArrayInputStream(new byte[0]));
        cli = Cli.with(wiring, "--user-pool-id", POOL);
        when(cognito.describePool()).thenReturn("pool");
        when(cognito.findGroup("paying-customers")).thenReturn(Optional.of(new GroupInfo("paying-customers", "")));
        when(cognito.findUsers("username", "alice")).thenReturn(List.of(user("alice")));
        when(cognito.findUsers("username", "bob")).thenReturn(List.of(user("bob")));
        when(cognito.findUsers("username", "carol")).thenReturn(List.of(user("carol")));
        when(cognito.groupsOf(anyString())).thenReturn(List.of());
        when(cognito.appClientIds()).thenReturn(List.of());
    }

    private static PoolUser user(String name) {
        return new PoolUser(name, Optional.of(name + "@example.com"), "CONFIRMED", true, Optional.empty());
    }

    private static CognitoFailure throttled() {
        return new CognitoFailure(FailureKind.THROTTLED,
                "AdminAddUserToGroup was throttled by Cognito (TooManyRequestsException)");
    }

    @Test
    void throttlingThatOutlastsTheRetriesExitsWith6AndSaysWhatToDo() {
        doThrow(throttled()).when(cognito).addToGroup("paying-customers", "alice");

        CliRun run = cli.run("grant", "alice").assertNoStackTrace();

        assertEquals(6, run.exitCode(), run::toString);
        assertEquals(4, sleeps.size(), "5 attempts, 4 waits with backoff");
        assertTrue(sleeps.get(3).compareTo(sleeps.get(0)) > 0, "the waits grow: " + sleeps);
        assertTrue(run.err().contains("FAILED: grant alice: throttled:"), run::toString);
        assertTrue(run.err().contains("gave up after 5 attempts"), run::toString);
        JsonNode audit = JsonAssert.outcomes(run.err()).get(0);
        assertEquals("failed", audit.get("result").asText());
        assertEquals("2030-01-02T03:04:05Z", audit.get("time").asText());
    }

    @Test
    void throttlingThatEndsWithinTheRetriesIsInvisibleToTheAdmin() {
        doThrow(throttled()).doThrow(throttled()).doNothing().when(cognito).addToGroup("paying-customers", "alice");

        CliRun run = cli.run("grant", "alice");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("granted: alice"), run::toString);
        assertEquals(2, sleeps.size());
    }

    @Test
    void aFailedSignOutKeepsTheRemovalReportsItAndExitsWith8() {
        when(cognito.groupsOf("alice")).thenReturn(List.of("paying-customers"));
        doThrow(new CognitoFailure(FailureKind.AWS_ERROR, "AdminUserGlobalSignOut failed: InternalError"))
                .when(cognito).globalSignOut("alice");

        CliRun run = cli.run("revoke", "alice").assertNoStackTrace();

        assertEquals(8, run.exitCode(), run::toString);
        verify(cognito).removeFromGroup("paying-customers", "alice");
        assertTrue(run.err().contains("removed from group 'paying-customers', but the global sign-out failed"),
                run::toString);
        assertTrue(run.err().contains("The removal stands."), run::toString);
        assertTrue(run.err().contains("run revoke again"), run::toString);
        List<JsonNode> audit = JsonAssert.outcomes(run.err());
        assertEquals("revoke", audit.get(0).get("action").asText());
        assertEquals("ok", audit.get(0).get("result").asText());
        assertEquals("sign-out", audit.get(1).get("action").asText());
        assertEquals("failed", audit.get(1).get("result").asText());
    }

    @Test
    void aFailedSignOutShowsInJsonWithWhatHappened() {
        when(cognito.groupsOf("alice")).thenReturn(List.of("paying-customers"));
        doThrow(new CognitoFailure(FailureKind.AWS_ERROR, "boom")).when(cognito).globalSignOut("alice");

        JsonNode result = JsonAssert.parse(cli.run("revoke", "alice", "--json").out()).get("results").get(0);

        assertEquals("failed", result.get("outcome").asText());
        assertEquals("removed", result.get("happened").asText());
        assertEquals(false, result.get("signedOut").asBoolean());
        assertEquals("sign-out-failed", result.get("error").get("kind").asText());
    }

    @Test
    void anImportGoesOnPastAFailureInTheMiddle() throws Exception {
        doThrow(new CognitoFailure(FailureKind.UNAVAILABLE, "HTTP 503"))
                .when(cognito).addToGroup("paying-customers", "bob");
        Path file = Files.writeString(dir.resolve("users.txt"), "alice\nbob\ncarol\n");

        CliRun run = cli.run("import", file.toString()).assertNoStackTrace();

        assertEquals(1, run.exitCode(), run::toString);
        verify(cognito).addToGroup("paying-customers", "alice");
        verify(cognito).addToGroup("paying-customers", "carol");
        assertTrue(run.out().contains("added: 2, failed: 1"), run::toString);
        assertTrue(run.err().contains("Failed lines (1):\n  line 2: FAILED: grant bob: unavailable: HTTP 503"),
                run::toString);
    }

    @Test
    void anErrorThatWouldFailEveryLineStopsTheImportAndListsWhatWasNotAttempted() throws Exception {
        doThrow(new CognitoFailure(FailureKind.CREDENTIALS, "AWS rejected the credentials (ExpiredTokenException)"))
                .when(cognito).addToGroup("paying-customers", "bob");
        Path file = Files.writeString(dir.resolve("users.txt"), "alice\nbob\ncarol\n");

        CliRun run = cli.run("import", file.toString()).assertNoStackTrace();

        assertEquals(7, run.exitCode(), run::toString);
        verify(cognito, never()).addToGroup("paying-customers", "carol");
        assertTrue(run.err().contains("line 3: NOT ATTEMPTED: grant carol (stopped by the earlier credentials error)"),
                run::toString);
        assertTrue(run.out().contains("added: 1, failed: 1, not-attempted: 1"), run::toString);
    }

    @Test
    void accessDeniedStopsAGrantOfSeveralUsers() {
        doThrow(new CognitoFailure(FailureKind.ACCESS_DENIED, "not allowed to call cognito-idp:AdminAddUserToGroup"))
                .when(cognito).addToGroup("paying-customers", "alice");

        CliRun run = cli.run("grant", "alice", "bob").assertNoStackTrace();

        assertEquals(9, run.exitCode(), run::toString);
        verify(cognito, never()).addToGroup("paying-customers", "bob");
        assertTrue(run.err().contains("NOT ATTEMPTED: grant bob"), run::toString);
    }

    @Test
    void differentFailuresForDifferentUsersExitWith1() {
        when(cognito.findUsers("username", "ghost")).thenReturn(List.of());
        doThrow(throttled()).when(cognito).addToGroup("paying-customers", "alice");

        CliRun run = cli.run("grant", "alice", "ghost");

        assertEquals(1, run.exitCode(), run::toString);
    }
}
