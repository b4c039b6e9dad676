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
import site.paywall.payingcustomers.support.Cli;
import site.paywall.payingcustomers.support.CliRun;
import site.paywall.payingcustomers.support.JsonAssert;
import site.paywall.payingcustomers.support.MotoExtension;
import site.paywall.payingcustomers.support.Pool;

/** grant against a real moto server; memberships are checked with AdminListGroupsForUser. */
class GrantEndToEndTest {
    @RegisterExtension
    static final MotoExtension moto = new MotoExtension();
    private Pool pool;
    private Cli cli;

    @BeforeEach
    void freshPool() {
        pool = Pool.create(moto.server()).user("alice", "alice@example.com").user("bob", "bob@example.com");
        cli = Cli.against(moto.server(), pool.id);
    }

    @AfterEach
    void closePool() {
        pool.close();
    }

    @Test
    void grantByUsernameAddsTheUserToTheGroup() {
        assertFalse(pool.isMember("alice"));

        CliRun run = cli.run("grant", "alice");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(pool.isMember("alice"), "AdminListGroupsForUser shows the new membership");
        assertFalse(pool.isMember("bob"));
        assertTrue(run.out().contains("granted: alice added to group 'paying-customers'"), run::toString);
        assertTrue(run.out().contains("next tokens"), "says when the grant takes effect: " + run);
    }

    @Test
    void grantByEmailResolvesTheUsername() {
        CliRun run = cli.run("grant", "bob@example.com");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(pool.isMember("bob"));
        assertTrue(run.out().contains("granted: bob (bob@example.com)"), run::toString);
    }

    @Test
    void grantingAMemberAgainChangesNothingAndSaysSo() {
        assertEquals(0, cli.run("grant", "alice").exitCode());

        CliRun again = cli.run("grant", "alice");

        assertEquals(0, again.exitCode(), again::toString);
        assertTrue(again.out().contains("alice is already a member of 'paying-customers'; nothing to do"),
                again::toString);
        assertEquals(List.of("paying-customers"), pool.groupsOf("alice"));
        assertTrue(JsonAssert.auditLines(again.err()).isEmpty(), "a no-op is not audited as a change: " + again);
    }

    @Test
    void dryRunGrantShowsTheChangeAndMakesNone() {
        CliRun run = cli.run("grant", "--dry-run", "alice", "bob@example.com");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("dry run: would add alice to 'paying-customers'"), run::toString);
        assertTrue(run.out().contains("dry run: would add bob (bob@example.com)"), run::toString);
        assertFalse(pool.isMember("alice"));
        assertFalse(pool.isMember("bob"));
        assertTrue(JsonAssert.auditLines(run.err()).isEmpty(), "nothing changed, nothing audited");
    }

    @Test
    void anUnknownUserFailsAloneAndTheOthersAreStillGranted() {
        CliRun run = cli.run("grant", "alice", "ghost", "bob").assertNoStackTrace();

        assertEquals(5, run.exitCode(), run::toString);
        assertTrue(pool.isMember("alice"));
        assertTrue(pool.isMember("bob"));
        assertTrue(run.err().contains("FAILED: grant ghost: unknown-user: no user with username 'ghost' in pool "
                + pool.id), run::toString);
    }

    @Test
    void anEmailSharedByTwoUsersIsAmbiguousAndGrantsNobody() {
        pool.user("carol1", "shared@example.com").user("carol2", "shared@example.com");

        CliRun run = cli.run("grant", "shared@example.com").assertNoStackTrace();

        assertEquals(5, run.exitCode(), run::toString);
        assertTrue(run.err().contains("ambiguous-user: 'shared@example.com' matches 2 users (carol1, carol2)"),
                run::toString);
        assertFalse(pool.isMember("carol1"));
        assertFalse(pool.isMember("carol2"));
    }

    @Test
    void eachChangeWritesOneJsonAuditLineToTheAuditLog(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("audit.jsonl");

        CliRun run = cli.run("grant", "alice", "bob@example.com", "--audit-log", log.toString());

        assertEquals(0, run.exitCode(), run::toString);
        List<JsonNode> all = JsonAssert.lines(Files.readString(log));
        List<JsonNode> lines = JsonAssert.outcomes(Files.readString(log));
        assertEquals(4, all.size(), "an intent and an outcome line per change");
        assertEquals(2, lines.size(), "one outcome line per change");
        assertEquals(all.get(0).get("id"), all.get(1).get("id"), "the outcome names its intent");
        JsonNode first = lines.get(0);
        assertEquals(pool.id, first.get("pool").asText());
        assertEquals("paying-customers", first.get("group").asText());
        assertEquals("alice", first.get("user").asText());
        assertEquals("grant", first.get("action").asText());
        assertEquals("ok", first.get("result").asText());
        assertTrue(first.get("time").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), first::toString);
        assertEquals("bob", lines.get(1).get("user").asText());
        assertFalse(Files.readString(log).contains("testing"), "no credential ever reaches the audit log");
        assertTrue(JsonAssert.auditLines(run.err()).isEmpty(), "with --audit-log, stderr has no audit lines");
    }

    @Test
    void withoutAuditLogTheAuditLinesGoToStderr() {
        CliRun run = cli.run("grant", "alice");

        List<JsonNode> lines = JsonAssert.outcomes(run.err());
        assertEquals(1, lines.size(), run::toString);
        assertEquals("alice", lines.get(0).get("user").asText());
        assertFalse(run.out().contains("\"time\""), "stdout stays free of audit lines");
    }

    @Test
    void jsonOutputIsOneDocumentWithEveryResult() {
        pool.addToGroup("bob", Pool.GROUP);

        CliRun run = cli.run("grant", "--json", "alice", "bob", "ghost");

        assertEquals(5, run.exitCode(), run::toString);
        JsonNode doc = JsonAssert.parse(run.out());
        assertEquals("grant", doc.get("command").asText());
        assertEquals(5, doc.get("exitCode").asInt());
        JsonNode results = doc.get("results");
        assertEquals("added", results.get(0).get("outcome").asText());
        assertEquals("already-member", results.get(1).get("outcome").asText());
        assertEquals("failed", results.get(2).get("outcome").asText());
        assertEquals("unknown-user", results.get(2).get("error").get("kind").asText());
    }

    @Test
    void profileOptionTakesCredentialsFromThatProfile() {
        CliRun run = cli.run("grant", "alice", "--profile", "moto");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(pool.isMember("alice"));
    }
}
