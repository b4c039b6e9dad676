package site.paywall.payingcustomers.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import site.paywall.payingcustomers.support.Cli;
import site.paywall.payingcustomers.support.CliRun;
import site.paywall.payingcustomers.support.JsonAssert;
import site.paywall.payingcustomers.support.MotoExtension;
import site.paywall.payingcustomers.support.Pool;

/** revoke against moto: the membership goes, the refresh token stops working, and the output says what remains. */
class RevokeEndToEndTest {
    @RegisterExtension
    static final MotoExtension moto = new MotoExtension();
    private Pool pool;
    private Cli cli;

    @BeforeEach
    void freshPool() {
        pool = Pool.create(moto.server()).member("alice", "alice@example.com").user("bob", "bob@example.com");
        cli = Cli.against(moto.server(), pool.id);
    }

    @AfterEach
    void closePool() {
        pool.close();
    }

    @Test
    void revokeRemovesTheMembershipAndStopsTheRefreshToken() {
        String client = pool.appClient("web", 30, 2);
        String refresh = pool.refreshTokenFor("alice", client);
        assertTrue(pool.refreshWorks(refresh, client), "precondition: the refresh token works");

        CliRun run = cli.run("revoke", "alice@example.com");

        assertEquals(0, run.exitCode(), run::toString);
        assertFalse(pool.isMember("alice"), "AdminListGroupsForUser no longer lists the group");
        assertFalse(pool.refreshWorks(refresh, client), "AdminUserGlobalSignOut revoked the refresh token");
        assertTrue(run.out().contains(
                "revoked: alice (alice@example.com) removed from 'paying-customers' and signed out"), run::toString);
        assertTrue(run.out().contains("stay valid until they expire, up to 2 hours"), "states the lifetime: " + run);
        assertTrue(run.out().contains("access token of 'web'"), run::toString);
        List<JsonNode> audit = JsonAssert.outcomes(run.err());
        assertEquals(List.of("revoke", "sign-out"), audit.stream().map(a -> a.get("action").asText()).toList());
        assertTrue(audit.stream().allMatch(a -> a.get("result").asText().equals("ok")), run::toString);
    }

    @Test
    void revokingANonMemberChangesNothingAndDoesNotSignThemOut() {
        String client = pool.appClient("web", null, null);
        String refresh = pool.refreshTokenFor("bob", client);

        CliRun run = cli.run("revoke", "bob");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("bob is not a member of 'paying-customers'; nothing changed (not signed out;"),
                run::toString);
        assertTrue(pool.refreshWorks(refresh, client), "an unrelated user is not signed out of every device");
        assertTrue(JsonAssert.auditLines(run.err()).isEmpty(), "nothing changed, nothing audited: " + run);
        assertFalse(run.out().contains("Still true"), "no token-lifetime note when nobody was signed out: " + run);
        assertTrue(pool.isMember("alice"), "other members are untouched");
    }

    @Test
    void signOutAnywaySignsOutANonMember() {
        String client = pool.appClient("web", null, null);
        String refresh = pool.refreshTokenFor("bob", client);

        CliRun run = cli.run("revoke", "--sign-out-anyway", "bob");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("bob was not a member of 'paying-customers'; signed out everywhere anyway"),
                run::toString);
        assertFalse(pool.refreshWorks(refresh, client), "the sign-out ran");
        assertEquals(List.of("sign-out"),
                JsonAssert.outcomes(run.err()).stream().map(a -> a.get("action").asText()).toList());
        assertTrue(pool.isMember("alice"), "other members are untouched");
    }

    @Test
    void dryRunRevokeChangesNothing() {
        String client = pool.appClient("web", null, null);
        String refresh = pool.refreshTokenFor("alice", client);

        CliRun run = cli.run("revoke", "--dry-run", "alice", "bob");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("dry run: would remove alice from 'paying-customers' and sign out everywhere"),
                run::toString);
        assertTrue(run.out().contains("dry run: bob is not a member of 'paying-customers'; nothing would change"),
                run::toString);
        assertTrue(pool.isMember("alice"));
        assertTrue(pool.refreshWorks(refresh, client), "no sign-out in a dry run");
        assertTrue(JsonAssert.auditLines(run.err()).isEmpty());
    }

    @Test
    void anAppClientWithoutLifetimesMeansTheOneHourDefault() {
        pool.appClient("defaults", null, null);

        CliRun run = cli.run("revoke", "alice", "--json");

        assertEquals(0, run.exitCode(), run::toString);
        JsonNode lifetime = JsonAssert.parse(run.out()).get("tokenLifetime");
        assertTrue(lifetime.get("known").asBoolean());
        assertEquals(3600, lifetime.get("longestSeconds").asLong());
        assertEquals(1, lifetime.get("appClients").asInt());
        JsonNode result = JsonAssert.parse(run.out()).get("results").get(0);
        assertEquals("removed", result.get("outcome").asText());
        assertTrue(result.get("signedOut").asBoolean());
    }

    @Test
    void theLongestLifetimeOverAllAppClientsIsStated() {
        pool.appClient("short", 5, 1);
        pool.appClient("long", 60, 20);

        CliRun run = cli.run("revoke", "alice");

        assertTrue(run.out().contains("up to 20 hours (longest lifetime over 2 app clients: access token of 'long')"),
                run::toString);
    }

    @Test
    void aPoolWithoutAppClientsSaysTheLifetimeCannotBeRead() {
        CliRun run = cli.run("revoke", "alice");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("the pool has no app clients now"), run::toString);
        assertFalse(pool.isMember("alice"));
    }

    @Test
    void anUnknownUserIsReportedAndOthersAreStillRevoked() {
        CliRun run = cli.run("revoke", "nobody@example.com", "alice").assertNoStackTrace();

        assertEquals(5, run.exitCode(), run::toString);
        assertTrue(run.err().contains("no user with username or email 'nobody@example.com'"), run::toString);
        assertFalse(pool.isMember("alice"));
    }
}
