package site.paywall.payingcustomers.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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

/** The audit trail against moto: an intent before every change, an outcome after it, and no change it cannot record. */
class AuditTrailEndToEndTest {
    @RegisterExtension
    static final MotoExtension moto = new MotoExtension();
    private Pool pool;
    private Cli cli;

    @TempDir
    Path dir;

    @BeforeEach
    void freshPool() {
        pool = Pool.create(moto.server()).user("alice", "alice@example.com").user("bob", "bob@example.com")
                .member("carol", "carol@example.com");
        cli = Cli.against(moto.server(), pool.id);
    }

    @AfterEach
    void closePool() {
        pool.close();
    }

    @Test
    void everyChangeHasAnIntentBeforeAndAnOutcomeAfterWithWhoAndWhere() throws Exception {
        Path file = Files.writeString(dir.resolve("march.csv"), "email,action\nalice@example.com,grant\n"
                + "carol@example.com,revoke\n");
        Path log = dir.resolve("audit.jsonl");

        CliRun run = cli.run("import", file.toString(), "--profile", "moto", "--audit-log", log.toString());

        assertEquals(0, run.exitCode(), run::toString);
        List<JsonNode> lines = JsonAssert.lines(Files.readString(log));
        assertEquals(List.of("intent grant alice", "outcome grant alice", "intent revoke carol", "outcome revoke carol",
                "intent sign-out carol", "outcome sign-out carol"), lines.stream()
                .map(l -> l.get("phase").asText() + " " + l.get("action").asText() + " " + l.get("user").asText())
                .toList());
        for (int i = 0; i < lines.size(); i += 2) {
            assertEquals(lines.get(i).get("id"), lines.get(i + 1).get("id"), "an outcome names its intent");
            assertFalse(lines.get(i).has("result"), "an intent has no result yet");
            assertEquals("ok", lines.get(i + 1).get("result").asText());
        }
        assertNotEquals(lines.get(0).get("id"), lines.get(2).get("id"));
        JsonNode grant = lines.get(1);
        assertEquals(file.toString(), grant.get("file").asText());
        assertEquals(2, grant.get("line").asInt());
        assertEquals(3, lines.get(3).get("line").asInt());
        assertEquals("arn:aws:sts::123456789012:user/moto", grant.get("principal").asText());
        assertEquals("moto", grant.get("profile").asText());
        assertFalse(grant.get("host").asText().isBlank());
        assertEquals(System.getProperty("user.name"), grant.get("admin").asText());
        assertFalse(Files.readString(log).contains("testing"), "no credential in the trail");
    }

    @Test
    void anAuditLogOnAFullDiskStopsBeforeAnyChange() {
        CliRun run = cli.run("grant", "alice", "bob", "--audit-log", "/dev/full").assertNoStackTrace();

        assertEquals(13, run.exitCode(), run::toString);
        assertTrue(run.err().contains("could not write the audit log /dev/full (No space left on device)"),
                run::toString);
        assertTrue(run.err().contains("nothing was changed for this user"), run::toString);
        assertTrue(run.err().contains("NOT ATTEMPTED: grant bob"), run::toString);
        assertFalse(pool.isMember("alice"), "no change without its audit line");
        assertFalse(pool.isMember("bob"));
    }

    /**
     * The audit destination stops taking lines in the middle of a run (a pipe whose reader goes away after the
     * first line): the run stops before its next change, and says so.
     */
    @Test
    void anAuditLogThatFailsMidRunStopsBeforeTheNextChange() throws Exception {
        Path fifo = dir.resolve("audit.fifo");
        Process mkfifo = new ProcessBuilder("python3", "-c", "import os, sys; os.mkfifo(sys.argv[1])", fifo.toString())
                .start();
        assertTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo failed");
        CompletableFuture<String> firstLine = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(fifo),
                    StandardCharsets.UTF_8))) {
                return reader.readLine();
            } catch (Exception e) {
                return "reader failed: " + e;
            }
        });

        CliRun run = cli.run("grant", "alice", "bob", "carol@example.com", "--audit-log", fifo.toString())
                .assertNoStackTrace();

        assertEquals(13, run.exitCode(), run::toString);
        assertTrue(firstLine.get(30, TimeUnit.SECONDS).contains("\"phase\":\"intent\",\"pool\":\"" + pool.id
                + "\",\"group\":\"paying-customers\",\"user\":\"alice\",\"action\":\"grant\""), firstLine::join);
        assertTrue(pool.isMember("alice"), "alice's grant went out after its intent line was written");
        assertFalse(pool.isMember("bob"), "no further change after the audit log failed");
        assertTrue(run.err().contains("could not write the audit log " + fifo), run::toString);
        assertTrue(run.err().contains(
                "NOT ATTEMPTED: grant carol@example.com (stopped by the earlier audit-log error)"), run::toString);
        assertTrue(run.err().contains("the line was: {\"time\""), "the unwritten line is shown: " + run);
    }

    @Test
    void noOpsAndDryRunsWriteNothing() throws Exception {
        Path log = dir.resolve("audit.jsonl");

        cli.run("grant", "carol", "--audit-log", log.toString());
        cli.run("revoke", "alice", "--audit-log", log.toString());
        cli.run("grant", "--dry-run", "alice", "--audit-log", log.toString());

        assertEquals("", Files.readString(log));
    }
}
