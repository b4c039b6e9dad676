package site.paywall.edge.core;

import site.paywall.edge.core.config.DecisionLogLevel;

/**
 * One JSON line per decision: request id, path, decision ("forward", "deny", "redirect" or "respond"), status, rule,
 * reason, where the token came from, why a token was refused and — when a token verified — its {@code sub}. Reasons
 * name checks, never values: no token, cookie value, code or signature is ever written. With level "denials", only
 * decisions that did not forward are written.
 *
 * <p>Lines for requests the edge answers itself (anyone can send those, as fast as they like) are limited to
 * {@code denialsPerSecond} per clock second in this instance; the rest of that second's are counted by reason and
 * written as one summary line by the first decision after the second ends. Forward lines (level "all": a verified
 * token's request, the audit trail) are never held back.
 */
final class DecisionLog {

    /** Paths are the viewer's text; cap them so one request cannot flood the log. */
    private static final int MAX_PATH = 512;
    /** Reasons are fixed phrases, a few quoting a short viewer value (an unknown kid): the cap bounds the line. */
    private static final int MAX_SUMMARY_REASONS = 32;
    private static final String OTHER_REASONS = "(other reasons)";

    private final Platform platform;
    private final DecisionLogLevel level;
    private final int denialsPerSecond;
    /** The clock second (epoch milliseconds / 1000, floored) the counts below belong to; NaN before any. */
    private double second = Double.NaN;
    private int written;
    private int suppressed;
    /** The held-back lines' reasons in order of first appearance, and their counts (arrays: no map classes). */
    private final String[] reasons = new String[MAX_SUMMARY_REASONS + 1];
    private final int[] counts = new int[MAX_SUMMARY_REASONS + 1];
    private int reasonCount;

    DecisionLog(Platform platform, DecisionLogLevel level, int denialsPerSecond) {
        this.platform = platform;
        this.level = level;
        this.denialsPerSecond = denialsPerSecond;
    }

    void record(Decision decision) {
        boolean forward = decision instanceof Decision.Forward;
        if (forward && suppressed > 0) {
            // The summary of a flood of denials must not wait for the next denial.
            startSecond(currentSecond());
        }
        if (level == DecisionLogLevel.OFF || (level == DecisionLogLevel.DENIALS && forward)) {
            return;
        }
        Trace trace = decision.trace();
        if (!forward && !admitDenialLine(trace.reason())) {
            return;
        }
        String path = trace.path();
        String kind;
        int status;
        if (decision instanceof Decision.Deny denied) {
            kind = "deny";
            status = denied.denial().status();
        } else if (decision instanceof Decision.Respond respond) {
            status = respond.response().status();
            kind = status >= 300 && status < 400 ? "redirect" : "respond";
        } else {
            kind = "forward";
            status = 0;
        }
        platform.logDecision(new DecisionLine(trace.requestId(),
                path.length() > MAX_PATH ? path.substring(0, MAX_PATH) + "…" : path, kind, status, trace.rule(),
                trace.reason(), trace.rejection().isPresent() ? trace.rejection().get().logName() : "",
                trace.tokenFrom(), trace.sub()));
    }

    /** Whether a denial's line may be written; when not, it is counted for its second's summary. */
    private boolean admitDenialLine(String reason) {
        startSecond(currentSecond());
        if (written < denialsPerSecond) {
            written++;
            return true;
        }
        suppressed++;
        int index = 0;
        while (index < reasonCount && !reasons[index].equals(reason)) {
            index++;
        }
        if (index == reasonCount) {
            if (reasonCount > MAX_SUMMARY_REASONS) {
                index = MAX_SUMMARY_REASONS; // the slot after the named reasons counts the rest together
            } else {
                reasons[index] = reasonCount < MAX_SUMMARY_REASONS ? reason : OTHER_REASONS;
                reasonCount++;
            }
        }
        counts[index]++;
        return false;
    }

    private double currentSecond() {
        return Math.floor(platform.nowMillis() / 1000);
    }

    /** When {@code now} is another second: writes the ended one's summary, if any, and starts counting it. */
    private void startSecond(double now) {
        if (now == second) {
            return;
        }
        if (suppressed > 0) {
            Json byReason = platform.newObject();
            for (int i = 0; i < reasonCount; i++) {
                byReason.put(reasons[i], platform.integer(counts[i]));
                counts[i] = 0;
            }
            platform.log(platform.stringify(platform.newObject()
                    .put("suppressedDenialLines", platform.integer(suppressed))
                    .put("second", platform.integer((long) second))
                    .put("limitPerSecond", platform.integer(denialsPerSecond))
                    .put("reasons", byReason)));
        }
        second = now;
        written = 0;
        suppressed = 0;
        reasonCount = 0;
    }
}
