package site.paywall.payingcustomers.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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

/** import against moto: good lines are applied, bad ones reported, and the exit code tells which happened. */
class ImportEndToEndTest {
    @RegisterExtension
    static final MotoExtension moto = new MotoExtension();
    private Pool pool;
    private Cli cli;

    @TempDir
    Path dir;

    @BeforeEach
    void freshPool() {
        pool = Pool.create(moto.server())
                .user("alice", "alice@example.com")
                .user("bob", "bob@example.com")
                .member("carol", "carol@example.com")
                .member("dave", "dave@example.com");
        cli = Cli.against(moto.server(), pool.id);
    }

    @AfterEach
    void closePool() {
        pool.close();
    }

    private String file(String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file.toString();
    }

    @Test
    void aPlainListGrantsEveryUser() throws Exception {
        String file = file("users.txt", "# customers of March\nalice\n\nbob@example.com\ncarol\n");

        CliRun run = cli.run("import", file);

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(pool.isMember("alice"));
        assertTrue(pool.isMember("bob"));
        assertTrue(run.out().contains("line 5: unchanged: carol is already a member"), run::toString);
        assertTrue(run.out().contains("added: 2, already-member: 1, failed: 0"), run::toString);
        assertEquals(2, JsonAssert.outcomes(run.err()).size(), "one outcome line per change");
    }

    @Test
    void aCsvWithAnActionColumnGrantsAndRevokesAndReportsBadLinesWithoutStopping() throws Exception {
        String file = file("changes.csv", String.join("\n",
                "email,action,note",
                "alice@example.com,grant,paid in March",
                "carol@example.com,revoke,\"refund, requested\"",
                "ghost@example.com,grant,typo",
                "bob@example.com,frobnicate,bad action",
                "bob@example.com,grant,\"unterminated",
                "dave@example.com,revoke,too,many",
                "bob@example.com,grant,late but fine",
                ""));

        CliRun run = cli.run("import", file).assertNoStackTrace();

        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(pool.isMember("alice"));
        assertFalse(pool.isMember("carol"));
        assertTrue(pool.isMember("bob"), "lines after the bad ones were still applied");
        assertTrue(pool.isMember("dave"), "the malformed dave line changed nothing");
        assertTrue(run.out().contains("added: 2, removed: 1, failed: 4"), run::toString);
        String failures = run.err().substring(run.err().indexOf("Failed lines (4):"));
        assertTrue(failures.contains("line 4: FAILED: grant ghost@example.com: unknown-user"), failures);
        assertTrue(failures.contains("line 5: FAILED: bad line 'bob@example.com,frobnicate,bad action':"
                + " unknown action 'frobnicate'"), failures);
        assertTrue(failures.contains("line 6: FAILED: bad line 'bob@example.com,grant,\"unterminated':"
                + " unterminated double quote"), failures);
        assertTrue(failures.contains("line 7: FAILED: bad line 'dave@example.com,revoke,too,many':"
                + " has 4 columns, the header has 3"), failures);
        assertTrue(run.out().contains("up to 1 hour") || run.out().contains("no app clients"),
                "a revoke states the token lifetime");
    }

    @Test
    void jsonReportHasEveryLineWithItsOutcome() throws Exception {
        String file = file("changes.csv", "action,user\ngrant,alice\nrevoke,dave\nwhat,bob\n");

        CliRun run = cli.run("import", file, "--json");

        assertEquals(1, run.exitCode(), run::toString);
        JsonNode doc = JsonAssert.parse(run.out());
        assertEquals(3, doc.get("instructions").asInt());
        assertEquals(1, doc.get("summary").get("added").asInt());
        assertEquals(1, doc.get("summary").get("removed").asInt());
        assertEquals(1, doc.get("summary").get("failed").asInt());
        JsonNode lines = doc.get("lines");
        assertEquals(2, lines.get(0).get("line").asInt());
        assertEquals("added", lines.get(0).get("outcome").asText());
        assertEquals(4, lines.get(2).get("line").asInt());
        assertEquals("invalid-input", lines.get(2).get("error").get("kind").asText());
    }

    @Test
    void dryRunImportShowsWhatWouldChangeAndChangesNothing() throws Exception {
        String file = file("changes.csv", "user,action\nalice,grant\ncarol,revoke\ndave,grant\n");

        CliRun run = cli.run("import", "--dry-run", file);

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("line 2: dry run: would add alice"), run::toString);
        assertTrue(run.out().contains("line 3: dry run: would remove carol"), run::toString);
        assertTrue(run.out().contains("would-add: 1, would-remove: 1"), run::toString);
        assertFalse(pool.isMember("alice"));
        assertTrue(pool.isMember("carol"));
        assertTrue(JsonAssert.auditLines(run.err()).isEmpty());
    }

    @Test
    void actionOptionAppliesToPlainLinesAndStdinWorks() {
        CliRun run = cli.withStdin("carol\ndave@example.com\n").run("import", "-", "--action", "revoke");

        assertEquals(0, run.exitCode(), run::toString);
        assertFalse(pool.isMember("carol"));
        assertFalse(pool.isMember("dave"));
    }

    @Test
    void headerlessActionUserLinesWork() throws Exception {
        String file = file("pairs.txt", "grant,alice\nrevoke , carol\n");

        CliRun run = cli.run("import", file);

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(pool.isMember("alice"));
        assertFalse(pool.isMember("carol"));
    }

    @Test
    void aMissingFileIsAUsageErrorAndChangesNothing() {
        CliRun run = cli.run("import", dir.resolve("nope.csv").toString()).assertNoStackTrace();

        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("nope.csv: no such file"), run::toString);
    }

    @Test
    void aFileThatIsNotUtf8IsRefusedBeforeAnyChange() throws Exception {
        Path file = dir.resolve("latin1.txt");
        Files.write(file, new byte[] {'a', 'l', 'i', 'c', 'e', '\n', 'j', (byte) 0xE9, 'r', 'o', 'm', 'e', '\n'});

        CliRun run = cli.run("import", file.toString()).assertNoStackTrace();

        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("is not UTF-8 text"), run::toString);
        assertFalse(pool.isMember("alice"), "nothing was applied");
    }

    @Test
    void anUnknownGroupStopsTheImportBeforeAnyLine() throws Exception {
        String file = file("users.txt", "alice\nbob\n");

        CliRun run = cli.run("import", file, "--group", "nope").assertNoStackTrace();

        assertEquals(4, run.exitCode(), run::toString);
        assertFalse(pool.isMember("alice"));
    }

    @Test
    void jsonLinesPrintsEachLineAsItHappensThenASummary() throws Exception {
        String file = file("users.txt", "alice\nghost\ncarol\n");

        CliRun run = cli.run("import", file, "--json-lines");

        assertEquals(1, run.exitCode(), run::toString);
        java.util.List<JsonNode> lines = JsonAssert.lines(run.out());
        assertEquals(4, lines.size(), run::toString);
        assertEquals("added", lines.get(0).get("outcome").asText());
        assertEquals(2, lines.get(1).get("line").asInt());
        assertEquals("unknown-user", lines.get(1).get("error").get("kind").asText());
        assertEquals("already-member", lines.get(2).get("outcome").asText());
        assertEquals(1, lines.get(3).get("summary").get("failed").asInt());
        assertEquals(1, lines.get(3).get("exitCode").asInt());
    }

    @Test
    void anEmptyImportWarns() throws Exception {
        CliRun run = cli.run("import", file("empty.csv", "# nobody this month\n\n"));

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.err().contains("warning: " + dir.resolve("empty.csv") + " has no instructions (2 blank, comment"
                + " or header lines); nothing to do"), run::toString);
    }

    @Test
    void anUnknownCsvHeaderNamesTheExpectedHeaderAndChangesNothing() throws Exception {
        String file = file("people.csv", "name,mail,action\nAlice,alice@example.com,grant\n");

        CliRun run = cli.run("import", file).assertNoStackTrace();

        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("line 1 'name,mail,action' looks like a CSV header, but it names no user column."
                + " Expected: a CSV header names a user, username or email column and, optionally, an action column"),
                run::toString);
        assertFalse(pool.isMember("alice"));
    }
}
