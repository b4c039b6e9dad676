package site.paywall.edge.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import site.paywall.edge.core.config.DecisionLogLevel;
import site.paywall.edge.core.testing.TestPlatform;

/**
 * The decision log's limit on lines for requests the edge answers itself: so many per clock second, the rest counted
 * by reason into one summary line, written by the first decision after that second; forward lines never held back.
 */
class DecisionLogTest {

    /** 2026-11-29T00:00:00Z: a whole second, so NOW + 999 is still in it and NOW + 1000 is the next. */
    private static final long NOW = 1_795_910_400_000L;
    private static final long SECOND = NOW / 1000;

    private final TestPlatform platform = new TestPlatform(NOW);

    private static Decision denial(String reason) {
        return new Decision.Deny(Denial.NO_TOKEN, Trace.of("r", "/premium/a.pdf", reason), false);
    }

    private static Decision forward() {
        return new Decision.Forward(null, Trace.of("r", "/premium/a.pdf", "token admitted").withSub("alice"));
    }

    private static String line(String reason) {
        return "{\"requestId\":\"r\",\"path\":\"/premium/a.pdf\",\"decision\":\"deny\",\"status\":401,\"reason\":\""
                + reason + "\"}";
    }

    private void record(DecisionLog log, int times, Decision decision) {
        for (int i = 0; i < times; i++) {
            log.record(decision);
        }
    }

    @Test
    void upToTheLimitEveryDenialIsWrittenAndTheCountStartsAgainEachSecond() {
        DecisionLog log = new DecisionLog(platform, DecisionLogLevel.DENIALS, 2);
        record(log, 2, denial("no token presented"));
        platform.now = NOW + 1000;
        record(log, 2, denial("no token presented"));
        assertEquals(List.of(line("no token presented"), line("no token presented"), line("no token presented"),
                line("no token presented")), platform.log);
    }

    @Test
    void overTheLimitTheSecondsOtherDenialsBecomeOneSummaryWrittenByTheNextSecondsFirstDecision() {
        DecisionLog log = new DecisionLog(platform, DecisionLogLevel.DENIALS, 2);
        record(log, 3, denial("no token presented"));
        platform.now = NOW + 999;
        record(log, 2, denial("token expired (exp)"));
        record(log, 1, denial("no token presented"));
        assertEquals(List.of(line("no token presented"), line("no token presented")), platform.log,
                "nothing more within the second, not even the summary");
        platform.now = NOW + 1000;
        record(log, 1, denial("token expired (exp)"));
        assertEquals(List.of(line("no token presented"), line("no token presented"),
                "{\"suppressedDenialLines\":4,\"second\":" + SECOND + ",\"limitPerSecond\":2,\"reasons\":"
                        + "{\"no token presented\":2,\"token expired (exp)\":2}}",
                line("token expired (exp)")), platform.log);
    }

    @Test
    void aForwardWritesThePendingSummaryEvenWhenForwardsAreNotLogged() {
        DecisionLog log = new DecisionLog(platform, DecisionLogLevel.DENIALS, 1);
        record(log, 3, denial("no token presented"));
        record(log, 1, forward());
        assertEquals(1, platform.log.size(), "the second has not ended");
        platform.now = NOW + 5000;
        record(log, 1, forward());
        assertEquals(List.of(line("no token presented"), "{\"suppressedDenialLines\":2,\"second\":" + SECOND
                + ",\"limitPerSecond\":1,\"reasons\":{\"no token presented\":2}}"), platform.log);
        record(log, 1, forward());
        assertEquals(2, platform.log.size(), "a summary is written once");
    }

    @Test
    void forwardLinesAreNeverHeldBack() {
        DecisionLog log = new DecisionLog(platform, DecisionLogLevel.ALL, 1);
        record(log, 1, denial("no token presented"));
        record(log, 10, forward());
        record(log, 1, denial("no token presented"));
        assertEquals(11, platform.log.size(), platform.log.toString());
        assertTrue(platform.log.get(10).contains("\"sub\":\"alice\""), platform.log.get(10));
    }

    @Test
    void levelOffWritesNoSummaryEither() {
        DecisionLog log = new DecisionLog(platform, DecisionLogLevel.OFF, 1);
        record(log, 5, denial("no token presented"));
        platform.now = NOW + 1000;
        record(log, 5, denial("no token presented"));
        record(log, 1, forward());
        assertEquals(List.of(), platform.log);
    }

    @Test
    void aSummaryNamesAtMost32ReasonsAndCountsTheRestTogether() {
        DecisionLog log = new DecisionLog(platform, DecisionLogLevel.DENIALS, 1);
        record(log, 1, denial("first"));
        for (int i = 0; i < 40; i++) {
            record(log, 2, denial("reason " + i));
        }
        platform.now = NOW + 1000;
        record(log, 1, denial("next"));
        String summary = platform.log.get(1);
        assertTrue(summary.startsWith("{\"suppressedDenialLines\":80,"), summary);
        assertTrue(summary.contains("\"reason 31\":2,\"(other reasons)\":16}}"), summary);
        assertEquals(33, summary.split("\":\\d+", -1).length - 4, "32 reasons and the rest: " + summary);
    }

    @Test
    void aClockThatStepsBackStartsAnotherSecond() {
        DecisionLog log = new DecisionLog(platform, DecisionLogLevel.DENIALS, 1);
        record(log, 2, denial("no token presented"));
        platform.now = NOW - 3000;
        record(log, 1, denial("no token presented"));
        assertEquals(List.of(line("no token presented"), "{\"suppressedDenialLines\":1,\"second\":" + SECOND
                + ",\"limitPerSecond\":1,\"reasons\":{\"no token presented\":1}}", line("no token presented")),
                platform.log);
    }
}
