package site.paywall.payingcustomers.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import site.paywall.payingcustomers.cognito.CognitoPort;
import site.paywall.payingcustomers.cognito.GroupInfo;
import site.paywall.payingcustomers.cognito.PoolUser;
import site.paywall.payingcustomers.support.Cli;
import site.paywall.payingcustomers.support.CliRun;
import site.paywall.payingcustomers.support.JsonAssert;

/**
 * Ctrl-C in the middle of a batch, with the signal seam replaced: "pressed" while a call is in flight, so the test
 * knows exactly where. The real SIGINT is pinned by KilledAndInterruptedIT. Also the progress line.
 */
class InterruptAndProgressTest {
    private static final String POOL = "us-east-1_mocked";
    private final CognitoPort cognito = mock(CognitoPort.class);
    private final AtomicBoolean pressed = new AtomicBoolean();
    private final AtomicBoolean armed = new AtomicBoolean();
    private Cli cli;

    @TempDir
    Path dir;

    @BeforeEach
    void wiring() {
        Interrupts ctrlC = new Interrupts() {
            @Override
            public void arm(PrintWriter err) {
                armed.set(true);
            }

            @Override
            public boolean requested() {
                return pressed.get();
            }
        };
        Wiring wiring = new Wiring((connection, poolId) -> cognito,
                Clock.fixed(Instant.parse("2030-01-02T03:04:05Z"), ZoneOffset.UTC), d -> { }, () -> 0.5,
                Map.of(), dir, new ByteArrayInputStream(new byte[0])).withInterrupts(ctrlC);
        cli = Cli.with(wiring, "--user-pool-id", POOL);
        when(cognito.describePool()).thenReturn("pool");
        when(cognito.findGroup("paying-customers")).thenReturn(Optional.of(new GroupInfo("paying-customers", "")));
        for (String name : List.of("alice", "bob", "carol")) {
            when(cognito.findUsers("username", name)).thenReturn(List.of(
                    new PoolUser(name, Optional.of(name + "@example.com"), "CONFIRMED", true, Optional.empty())));
        }
        when(cognito.groupsOf(anyString())).thenReturn(List.of());
        // Ctrl-C arrives while alice's grant is in flight.
        doAnswer(call -> {
            pressed.set(true);
            return null;
        }).when(cognito).addToGroup("paying-customers", "alice");
    }

    @Test
    void ctrlCFinishesTheCallInFlightThenStopsWithTheSummaryAndResumeCommand() {
        CliRun run = cli.run("grant", "alice", "bob", "carol").assertNoStackTrace();

        assertEquals(130, run.exitCode(), run::toString);
        assertTrue(armed.get(), "a change command arms Ctrl-C");
        verify(cognito).addToGroup("paying-customers", "alice");
        verify(cognito, never()).addToGroup("paying-customers", "bob");
        assertTrue(run.out().contains("granted: alice added"), run::toString);
        assertTrue(run.err().contains("NOT ATTEMPTED: grant bob (stopped by Ctrl-C)"), run::toString);
        assertTrue(run.err().matches(
                "(?s).*Stopped after \\d+\\.\\d s: interrupted: stopped by Ctrl-C before line 2\n.*"), run::toString);
        assertTrue(run.err().contains("ran: 1 user; not attempted: 2 (bob, carol)"), run::toString);
        assertTrue(run.err().contains("\n  paying-customers grant bob carol --user-pool-id us-east-1_mocked\n"),
                run::toString);
        assertEquals(2, JsonAssert.auditLines(run.err()).size(), "alice's intent and outcome");
    }

    @Test
    void ctrlCDuringAnImportReportsTheResumeLineInJson() throws Exception {
        Path file = Files.writeString(dir.resolve("users.txt"), "# March\nalice\nbob\ncarol\n");

        CliRun run = cli.run("import", file.toString(), "--json");

        assertEquals(130, run.exitCode(), run::toString);
        JsonNode stopped = JsonAssert.parse(run.out()).get("stopped");
        assertEquals("interrupted", stopped.get("kind").asText());
        assertEquals(3, stopped.get("resumeLine").asInt());
        assertEquals(2, stopped.get("notAttempted").asInt());
        assertEquals("paying-customers import " + file + " --json --user-pool-id us-east-1_mocked --from-line 3",
                stopped.get("resumeCommand").asText());
    }

    @Test
    void readOnlyCommandsDoNotArmCtrlC() {
        cli.run("status", "bob");

        assertFalse(armed.get(), "list and status keep Ctrl-C's immediate exit");
    }

    @Test
    void progressIsOneRedrawnLineOnStderr() throws Exception {
        pressed.set(false);
        doAnswer(call -> null).when(cognito).addToGroup("paying-customers", "alice");
        Path file = Files.writeString(dir.resolve("users.txt"), "alice\nbob\ncarol\n");

        CliRun run = cli.run("import", file.toString(), "--progress");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.err().contains("\r\u001b[K1/3 lines, added 1, 0 s"), run::toString);
        assertTrue(run.err().contains("\r\u001b[K3/3 lines, added 3, 0 s"), run::toString);
        assertTrue(run.err().endsWith("\r\u001b[K"), "the line is cleared at the end");
        assertFalse(run.out().contains("\u001b"), "stdout stays clean");
        List<String> screen = terminal(run.err());
        assertEquals(6, screen.stream().filter(l -> l.startsWith("{\"time\"")).count(),
                "on the terminal each audit line starts its own line: " + screen);
        assertTrue(screen.stream().allMatch(l -> l.isEmpty() || l.startsWith("{\"time\"")), screen::toString);
    }

    /** The lines a terminal shows: "\r" returns to the line start, ESC[K clears the rest of the line. */
    private static List<String> terminal(String text) {
        List<String> lines = new java.util.ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                line.setLength(0);
            } else if (c == '\u001b' && text.startsWith("\u001b[K", i)) {
                i += 2;
            } else if (c == '\n') {
                lines.add(line.toString());
                line.setLength(0);
            } else {
                line.append(c);
            }
        }
        lines.add(line.toString());
        return lines;
    }

    @Test
    void aResumeCommandKeepsANegatedOption() throws Exception {
        Path file = Files.writeString(dir.resolve("users.txt"), "alice\nbob\n");

        CliRun run = cli.run("import", file.toString(), "--no-progress");

        assertEquals(130, run.exitCode(), run::toString);
        assertTrue(run.err().contains("  paying-customers import " + file + " --no-progress --user-pool-id"
                + " us-east-1_mocked --from-line 2"), run::toString);
    }

    @Test
    void noProgressWhenStderrIsNotATerminal() throws Exception {
        pressed.set(false);
        doAnswer(call -> null).when(cognito).addToGroup("paying-customers", "alice");
        Path file = Files.writeString(dir.resolve("users.txt"), "alice\nbob\n");

        CliRun run = cli.run("import", file.toString());

        assertFalse(run.err().contains("\u001b"), run::toString);
    }
}
