package site.paywall.payingcustomers.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import site.paywall.payingcustomers.support.CliRun;
import site.paywall.payingcustomers.support.FaultProxy;
import site.paywall.payingcustomers.support.JsonAssert;
import site.paywall.payingcustomers.support.MotoExtension;
import site.paywall.payingcustomers.support.Pool;
import site.paywall.payingcustomers.support.ToolProcess;

/**
 * The tool's jar as its own process, with a fault-injecting proxy in front of moto that holds the answer of a
 * grant Cognito has already applied: the process is killed (SIGKILL) or gets Ctrl-C (SIGINT), once or twice,
 * while that call is in flight.
 */
class KilledAndInterruptedIT {
    @RegisterExtension
    static final MotoExtension moto = new MotoExtension();

    @TempDir
    Path dir;

    @Test
    void aGrantKilledWhileInFlightStillShowsInTheAuditTrail() throws Exception {
        try (Pool pool = Pool.create(moto.server()).user("alice", "alice@example.com");
                FaultProxy proxy = FaultProxy.start(moto.server().uri())) {
            proxy.on("AdminAddUserToGroup", FaultProxy.Fault.HOLD);
            Path audit = dir.resolve("audit.jsonl");
            Map<String, String> env = ToolProcess.dummyCredentials(dir);

            ToolProcess tool = ToolProcess.start(dir, env, "grant", "alice@example.com", "--user-pool-id", pool.id,
                    "--endpoint-url", proxy.endpoint(), "--audit-log", audit.toString());
            assertEquals("AdminAddUserToGroup", proxy.awaitHeld(Duration.ofSeconds(60)));
            CliRun killed = tool.kill();

            assertTrue(pool.isMember("alice"), "Cognito applied the grant before the process died");
            List<JsonNode> lines = JsonAssert.lines(Files.readString(audit));
            assertEquals(1, lines.size(), "the intent line, and no outcome: the process died in flight. " + killed);
            JsonNode intent = lines.get(0);
            assertEquals("intent", intent.get("phase").asText());
            assertEquals("grant", intent.get("action").asText());
            assertEquals("alice", intent.get("user").asText());
            assertEquals(pool.id, intent.get("pool").asText());
            assertEquals("arn:aws:sts::123456789012:user/moto", intent.get("principal").asText(),
                    "sts:GetCallerIdentity through the same endpoint names who made the change");
            assertFalse(intent.get("host").asText().isBlank());

            // The re-run that used to hide the grant ("already a member", nothing written) now finds it in the trail.
            CliRun again = ToolProcess.run(dir, env, "grant", "alice", "--user-pool-id", pool.id, "--endpoint-url",
                    moto.server().endpoint(), "--audit-log", audit.toString());
            assertEquals(0, again.exitCode(), again::toString);
            assertTrue(again.out().contains("alice is already a member"), again::toString);
            assertEquals(1, JsonAssert.intents(Files.readString(audit)).size());
        }
    }

    @Test
    void ctrlCStopsAfterTheCallInFlightAndPrintsTheSummaryAndResumeCommand() throws Exception {
        try (Pool pool = Pool.create(moto.server()).user("alice", "a@example.com").user("bob", "b@example.com")
                .user("carol", "c@example.com");
                FaultProxy proxy = FaultProxy.start(moto.server().uri())) {
            proxy.rule((op, n) -> op.equals("AdminAddUserToGroup") && n == 1 ? FaultProxy.Fault.HOLD
                    : FaultProxy.Fault.PASS);
            Path audit = dir.resolve("audit.jsonl");

            ToolProcess tool = ToolProcess.start(dir, ToolProcess.dummyCredentials(dir), true, "grant", "alice", "bob",
                    "carol", "--user-pool-id", pool.id, "--endpoint-url", proxy.endpoint(), "--audit-log",
                    audit.toString());
            proxy.awaitHeld(Duration.ofSeconds(60));
            tool.interrupt();
            awaitStderr(tool, "stopping after the call in flight");
            assertTrue(tool.alive(), "the first Ctrl-C does not kill the tool mid-call");
            proxy.release();
            CliRun run = tool.await(Duration.ofSeconds(60));

            assertEquals(130, run.exitCode(), run::toString);
            assertTrue(run.out().contains("granted: alice added"), "the call in flight finished: " + run);
            assertTrue(pool.isMember("alice"));
            assertFalse(pool.isMember("bob"));
            assertFalse(pool.isMember("carol"));
            assertEquals(1, proxy.count("AdminAddUserToGroup"), "nothing was sent after Ctrl-C");
            assertTrue(run.err().contains("Stopped after "), run::toString);
            assertTrue(run.err().contains("interrupted: stopped by Ctrl-C"), run::toString);
            assertTrue(run.err().contains("not attempted: 2 (bob, carol)"), run::toString);
            assertTrue(run.err().contains("  paying-customers grant bob carol --user-pool-id " + pool.id),
                    run::toString);
            List<JsonNode> outcomes = JsonAssert.outcomes(Files.readString(audit));
            assertEquals(1, outcomes.size());
            assertEquals("ok", outcomes.get(0).get("result").asText());
        }
    }

    @Test
    void aSecondCtrlCExitsAtOnceLeavingTheIntentLineOfTheCallInFlight() throws Exception {
        try (Pool pool = Pool.create(moto.server()).user("alice", "a@example.com").user("bob", "b@example.com");
                FaultProxy proxy = FaultProxy.start(moto.server().uri())) {
            proxy.on("AdminAddUserToGroup", FaultProxy.Fault.HOLD);
            Path audit = dir.resolve("audit.jsonl");

            ToolProcess tool = ToolProcess.start(dir, ToolProcess.dummyCredentials(dir), true, "grant", "alice", "bob",
                    "--user-pool-id", pool.id, "--endpoint-url", proxy.endpoint(), "--audit-log", audit.toString());
            proxy.awaitHeld(Duration.ofSeconds(60));
            tool.interrupt();
            awaitStderr(tool, "stopping after the call in flight");
            tool.interrupt();
            // The answer is still held: only the second Ctrl-C can end the process now.
            CliRun run = tool.await(Duration.ofSeconds(30));

            assertEquals(130, run.exitCode(), run::toString);
            assertTrue(run.err().contains("Ctrl-C again: exiting now. The call in flight may or may not have been"
                    + " applied; its intent line is in the audit log"), run::toString);
            assertTrue(pool.isMember("alice"), "Cognito applied the held grant");
            assertFalse(pool.isMember("bob"));
            assertEquals(1, proxy.count("AdminAddUserToGroup"));
            List<JsonNode> lines = JsonAssert.lines(Files.readString(audit));
            assertEquals(1, lines.size(), "the intent line of the call in flight, no outcome: " + run);
            assertEquals("intent", lines.get(0).get("phase").asText());
            assertEquals("alice", lines.get(0).get("user").asText());
        }
    }

    private static void awaitStderr(ToolProcess tool, String text) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (!tool.stderrSoFar().contains(text) && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertTrue(tool.stderrSoFar().contains(text), "no \"" + text + "\" on stderr within 30 s");
    }
}
