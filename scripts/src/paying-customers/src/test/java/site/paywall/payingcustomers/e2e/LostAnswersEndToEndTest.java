package site.paywall.payingcustomers.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import site.paywall.payingcustomers.cli.Wiring;
import site.paywall.payingcustomers.support.Cli;
import site.paywall.payingcustomers.support.CliRun;
import site.paywall.payingcustomers.support.FaultProxy;
import site.paywall.payingcustomers.support.FaultProxy.Fault;
import site.paywall.payingcustomers.support.JsonAssert;
import site.paywall.payingcustomers.support.MotoExtension;
import site.paywall.payingcustomers.support.Pool;

/**
 * Cognito's answer lost on the way back (a proxy in front of moto drops it after moto applied the call) or the
 * call never arriving (503 from the proxy): the tool reads the state back and reports and audits what is true.
 */
class LostAnswersEndToEndTest {
    @RegisterExtension
    static final MotoExtension moto = new MotoExtension();
    private Pool pool;
    private FaultProxy proxy;
    private Cli cli;

    @TempDir
    Path dir;

    @BeforeEach
    void freshPoolBehindAProxy() {
        pool = Pool.create(moto.server()).user("alice", "alice@example.com").member("carol", "carol@example.com");
        proxy = FaultProxy.start(moto.server().uri());
        cli = Cli.with(Wiring.real(), "--user-pool-id", pool.id, "--endpoint-url", proxy.endpoint());
    }

    @AfterEach
    void stop() {
        proxy.close();
        pool.close();
    }

    private JsonNode outcome(Path log) throws Exception {
        List<JsonNode> outcomes = JsonAssert.outcomes(Files.readString(log));
        assertEquals(1, outcomes.size(), outcomes::toString);
        return outcomes.get(0);
    }

    @Test
    void aGrantWhoseAnswerIsLostIsReportedAndAuditedAsApplied() throws Exception {
        proxy.on("AdminAddUserToGroup", Fault.DROP);
        Path log = dir.resolve("audit.jsonl");

        CliRun run = cli.run("grant", "alice", "--audit-log", log.toString()).assertNoStackTrace();

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(pool.isMember("alice"));
        assertTrue(run.out().contains("granted: alice added to group 'paying-customers' (Cognito's answer was lost"
                + " (unavailable); reading the membership back shows the user in the group)"), run::toString);
        JsonNode outcome = outcome(log);
        assertEquals("ok", outcome.get("result").asText());
        assertEquals("applied", outcome.get("readBack").asText());
        assertTrue(proxy.count("AdminAddUserToGroup") >= 1);
    }

    @Test
    void aGrantThatNeverReachedCognitoIsReportedAndAuditedAsNotApplied() throws Exception {
        proxy.on("AdminAddUserToGroup", Fault.UNAVAILABLE_503);
        Path log = dir.resolve("audit.jsonl");

        CliRun run = cli.run("grant", "alice", "--audit-log", log.toString()).assertNoStackTrace();

        assertEquals(10, run.exitCode(), run::toString);
        assertFalse(pool.isMember("alice"));
        assertTrue(run.err().contains("FAILED: grant alice: unavailable: "), run::toString);
        assertTrue(run.err().contains("Read back: not in the group, so nothing changed"), run::toString);
        JsonNode outcome = outcome(log);
        assertEquals("failed", outcome.get("result").asText());
        assertEquals("not-applied", outcome.get("readBack").asText());
    }

    @Test
    void whenTheReadBackFailsTooTheOutcomeIsUnknown() throws Exception {
        // The membership check before the grant answers; the grant's answer and every read after it are lost.
        proxy.rule((op, n) -> op.equals("AdminAddUserToGroup") ? Fault.DROP
                : op.equals("AdminListGroupsForUser") && n > 1 ? Fault.UNAVAILABLE_503 : Fault.PASS);
        Path log = dir.resolve("audit.jsonl");

        CliRun run = cli.run("grant", "alice", "--audit-log", log.toString(), "--json").assertNoStackTrace();

        assertEquals(10, run.exitCode(), run::toString);
        JsonNode result = JsonAssert.parse(run.out()).get("results").get(0);
        assertEquals("unknown", result.get("outcome").asText());
        assertTrue(result.get("error").get("message").asText().contains("may or may not have been applied; check with:"
                + " paying-customers status alice"), result::toString);
        assertEquals("unknown", outcome(log).get("result").asText());
        assertTrue(pool.isMember("alice"), "(it was applied: the trail says unknown, and status tells)");
    }

    @Test
    void aRevokeWhoseAnswerIsLostIsReportedAsRemovedAndTheSignOutStillRuns() throws Exception {
        proxy.on("AdminRemoveUserFromGroup", Fault.DROP);
        Path log = dir.resolve("audit.jsonl");

        CliRun run = cli.run("revoke", "carol", "--audit-log", log.toString()).assertNoStackTrace();

        assertEquals(0, run.exitCode(), run::toString);
        assertFalse(pool.isMember("carol"));
        assertTrue(run.out().contains("revoked: carol removed from 'paying-customers' and signed out everywhere"
                + " (refresh tokens no longer work) (Cognito's answer was lost"), run::toString);
        List<JsonNode> outcomes = JsonAssert.outcomes(Files.readString(log));
        assertEquals("applied", outcomes.get(0).get("readBack").asText());
        assertEquals("sign-out", outcomes.get(1).get("action").asText());
        assertEquals("ok", outcomes.get(1).get("result").asText());
    }

    @Test
    void createGroupWhoseAnswerIsLostSaysCreatedAndIsNotRetriedIntoAlreadyExists() throws Exception {
        try (Pool bare = Pool.createWithoutGroup(moto.server())) {
            proxy.on("CreateGroup", Fault.DROP);
            Path log = dir.resolve("audit.jsonl");

            CliRun run = Cli.with(Wiring.real(), "--user-pool-id", bare.id, "--endpoint-url", proxy.endpoint())
                    .run("create-group", "--audit-log", log.toString()).assertNoStackTrace();

            assertEquals(0, run.exitCode(), run::toString);
            assertTrue(run.out().startsWith("created: group 'paying-customers'"), run::toString);
            assertTrue(run.out().contains("reading the group back shows it exists"), run::toString);
            assertEquals(1, proxy.count("CreateGroup"), "a lost CreateGroup is read back, not sent again");
            assertEquals("applied", outcome(log).get("readBack").asText());
        }
    }
}
