package site.paywall.payingcustomers.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
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
 * An import against a Cognito that stops answering halfway (a proxy in front of moto that starts hanging, or stops
 * listening): the import stops after a few unavailable answers in a row, says what was done and what was not,
 * prints the exact command to resume, and exits 10. The resume command finishes the job.
 */
class OutageEndToEndTest {
    private static final int USERS = 10;
    private static final Pattern RESUME = Pattern.compile("Resume with [^\\n]*\\n  (paying-customers [^\\n]*)");
    @RegisterExtension
    static final MotoExtension moto = new MotoExtension();
    private Pool pool;
    private FaultProxy proxy;
    private Path file;

    @TempDir
    Path dir;

    @BeforeEach
    void tenUsersAndAProxy() throws Exception {
        pool = Pool.create(moto.server());
        IntStream.rangeClosed(1, USERS).forEach(i -> pool.user(user(i), user(i) + "@example.com"));
        proxy = FaultProxy.start(moto.server().uri());
        file = Files.writeString(dir.resolve("customers.txt"),
                IntStream.rangeClosed(1, USERS).mapToObj(OutageEndToEndTest::user).collect(Collectors.joining("\n"))
                        + "\n");
    }

    @AfterEach
    void stop() {
        proxy.close();
        pool.close();
    }

    private static String user(int i) {
        return String.format("user%02d", i);
    }

    private static String[] resumeArguments(CliRun run) {
        Matcher m = RESUME.matcher(run.err());
        assertTrue(m.find(), "prints a resume command: " + run);
        String[] words = m.group(1).split(" ");
        return Arrays.copyOfRange(words, 1, words.length);
    }

    /** With the default timeouts: the acceptance test of the issue ("ends within a minute"). */
    @Test
    void aServerThatStopsAnsweringHalfwayEndsTheImportWithinAMinuteWithExit10AndAResumeCommand() throws Exception {
        AtomicBoolean hanging = new AtomicBoolean();
        proxy.rule((op, n) -> {
            if (op.equals("AdminAddUserToGroup") && n == 6) {
                hanging.set(true);
            }
            return hanging.get() ? Fault.HANG : Fault.PASS;
        });
        Cli cli = Cli.with(Wiring.real(), "--user-pool-id", pool.id, "--endpoint-url", proxy.endpoint());

        long start = System.nanoTime();
        CliRun run = cli.run("import", file.toString()).assertNoStackTrace();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(10, run.exitCode(), run::toString);
        assertTrue(took.compareTo(Duration.ofSeconds(60)) < 0, "took " + took + "\n" + run);
        System.out.println("outage test: the import stopped after " + took.toMillis() + " ms");
        for (int i = 1; i <= 5; i++) {
            assertTrue(pool.isMember(user(i)), user(i));
        }
        assertTrue(run.out().contains("line 6: UNKNOWN: grant user06: unavailable: "), run::toString);
        assertTrue(run.out().contains("gave up after 3 attempts over 3"), "3 read timeouts of 10 s: " + run);
        assertTrue(run.out().contains("3 unavailable answers in a row: Cognito looks unreachable"), run::toString);
        assertTrue(run.err().contains("not attempted: 4 (lines 7-10)"), run::toString);
        assertTrue(run.err().contains("unavailable: Cognito stopped answering: 4 unavailable answers in a row, the last"
                + " at line 6"), run::toString);
        assertTrue(run.err().contains("Stopped after "), run::toString);
        assertEquals(List.of("import", file.toString(), "--user-pool-id", pool.id, "--endpoint-url", proxy.endpoint(),
                "--from-line", "6"), List.of(resumeArguments(run)));
        assertEquals(6, proxy.count("AdminAddUserToGroup") - 2, "line 6 was tried 3 times, lines 7-10 never");

        // The service comes back; the printed command finishes the job (line 6 again: it may have been applied).
        proxy.rule((op, n) -> Fault.PASS);
        CliRun resumed = cli.raw(resumeArguments(run));
        assertEquals(0, resumed.exitCode(), resumed::toString);
        assertTrue(resumed.out().contains("(0 header, blank or comment lines skipped; 5 lines before --from-line 6)"),
                resumed::toString);
        for (int i = 1; i <= USERS; i++) {
            assertTrue(pool.isMember(user(i)), user(i));
        }
    }

    @Test
    void aServerThatGoesAwayHalfwayStopsTheImportAtOnce() throws Exception {
        proxy.rule((op, n) -> {
            if (op.equals("AdminAddUserToGroup") && n == 5) {
                proxy.stopListening();
            }
            return Fault.PASS;
        });

        CliRun run = Cli.with(Wiring.real(), "--user-pool-id", pool.id, "--endpoint-url", proxy.endpoint())
                .run("import", file.toString(), "--json").assertNoStackTrace();

        assertEquals(10, run.exitCode(), run::toString);
        JsonNode doc = JsonAssert.parse(run.out());
        assertEquals(5, doc.get("summary").get("added").asInt());
        assertEquals(1, doc.get("summary").get("failed").asInt(), "line 6 failed before any change: nothing listened");
        assertEquals(4, doc.get("summary").get("not-attempted").asInt());
        JsonNode stopped = doc.get("stopped");
        assertEquals("unavailable", stopped.get("kind").asText());
        assertEquals(6, stopped.get("resumeLine").asInt());
        assertTrue(stopped.get("seconds").asDouble() < 10, stopped::toString);
        assertTrue(stopped.get("resumeCommand").asText().endsWith("--from-line 6"), stopped::toString);
        assertTrue(doc.get("lines").get(5).get("error").get("message").asText().contains("Connection refused"),
                doc::toString);
        assertFalse(pool.isMember(user(6)));
    }
}
