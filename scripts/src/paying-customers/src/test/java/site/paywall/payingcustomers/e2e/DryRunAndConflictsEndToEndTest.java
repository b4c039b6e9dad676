package site.paywall.payingcustomers.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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

/** A dry run predicts a file in order, and a file that would undo itself is refused or held to its first line. */
class DryRunAndConflictsEndToEndTest {
    @RegisterExtension
    static final MotoExtension moto = new MotoExtension();
    private Pool pool;
    private Cli cli;

    @TempDir
    Path dir;

    @BeforeEach
    void freshPool() {
        pool = Pool.create(moto.server()).user("alice", "alice@example.com").member("carol", "carol@example.com");
        cli = Cli.against(moto.server(), pool.id);
    }

    @AfterEach
    void closePool() {
        pool.close();
    }

    private String file(String content) throws Exception {
        return Files.writeString(dir.resolve("changes.csv"), content).toString();
    }

    @Test
    void aDryRunPredictsLaterLinesFromTheLinesAboveThem() throws Exception {
        String file = file("grant,alice@example.com\ngrant,alice\nrevoke,carol@example.com\nrevoke,carol\n");

        CliRun dry = cli.run("import", "--dry-run", file);
        CliRun real = cli.run("import", file);

        assertEquals(0, dry.exitCode(), dry::toString);
        assertTrue(dry.out().contains("line 1: dry run: would add alice (alice@example.com)"), dry::toString);
        assertTrue(dry.out().contains("line 2: dry run: alice would already be a member of 'paying-customers'; nothing"
                + " to do (as the lines above would leave it)"), dry::toString);
        assertTrue(dry.out().contains("line 4: dry run: carol is not a member of 'paying-customers'; nothing would"
                + " change (as the lines above would leave it)"), dry::toString);
        assertTrue(dry.out().contains("already-member: 1, would-add: 1, not-member: 1, would-remove: 1"),
                dry::toString);
        assertTrue(real.out().contains("added: 1, already-member: 1, removed: 1, not-member: 1"),
                "the real run does what the dry run said: " + real);
    }

    @Test
    void aFileNamingOneUserWithBothActionsIsRefusedWithTheLineNumbers() throws Exception {
        String file = file("action,user\ngrant,alice\nrevoke,carol\nrevoke,Alice\n");

        for (String mode : new String[] {"--dry-run", "--json"}) {
            CliRun run = cli.run("import", mode, file).assertNoStackTrace();

            assertEquals(2, run.exitCode(), run::toString);
            assertTrue(run.err().contains("names a user with both grant and revoke, so every run would undo itself:"
                    + " alice: grant on line 2, revoke on line 4. Keep one line per user. Nothing was changed"),
                    run::toString);
        }
        assertFalse(pool.isMember("alice"));
        assertTrue(pool.isMember("carol"));
    }

    @Test
    void twoSpellingsOfOneUserWithOppositeActionsKeepTheFirstAndDoNotFlapOnReRuns() throws Exception {
        String refresh = pool.refreshTokenFor("alice", pool.appClient("web", null, null));
        String file = file("grant,alice\nrevoke,alice@example.com\n");

        CliRun first = cli.run("import", file).assertNoStackTrace();
        CliRun second = cli.run("import", file).assertNoStackTrace();

        for (CliRun run : new CliRun[] {first, second}) {
            assertEquals(1, run.exitCode(), run::toString);
            assertTrue(run.out().contains("line 2: FAILED: revoke alice (alice@example.com): conflict: line 2 (revoke"
                    + " alice@example.com) and line 1 (grant alice) name the same user, alice, with opposite actions;"
                    + " only line 1 was carried out"), run::toString);
        }
        assertTrue(second.out().contains("line 1: unchanged: alice is already a member"), second::toString);
        assertTrue(pool.isMember("alice"), "granted once, never revoked");
        assertEquals(1, JsonAssert.outcomes(first.err()).size() + JsonAssert.outcomes(second.err()).size(),
                "one change in two runs: no grant-revoke-sign-out cycle");
    }

    @Test
    void theSameActionTwiceIsAWarning() throws Exception {
        CliRun run = cli.run("import", file("alice\nbob\nALICE\n")).assertNoStackTrace();

        assertTrue(run.err().contains("warning: alice: grant on line 1, grant on line 3 (the same action more than"
                + " once: the later lines change nothing)"), run::toString);
        assertTrue(pool.isMember("alice"));
    }
}
