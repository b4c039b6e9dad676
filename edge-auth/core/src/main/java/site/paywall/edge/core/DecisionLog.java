package site.paywall.edge.core;

import site.paywall.edge.core.config.DecisionLogLevel;

/**
 * One JSON line per decision: request id, path, decision ("forward", "deny", "redirect" or "respond"), status, rule,
 * reason, where the token came from, why a token was refused and — when a token verified — its {@code sub}. Reasons
 * name checks, never values: no token, cookie value, code or signature is ever written. With level "denials", only
 * decisions that did not forward are written.
 */
final class DecisionLog {

    /** Paths are the viewer's text; cap them so one request cannot flood the log. */
    private static final int MAX_PATH = 512;

    private final Platform platform;
    private final DecisionLogLevel level;

    DecisionLog(Platform platform, DecisionLogLevel level) {
        this.platform = platform;
        this.level = level;
    }

    void record(Decision decision) {
        boolean forward = decision instanceof Decision.Forward;
        if (level == DecisionLogLevel.OFF || (level == DecisionLogLevel.DENIALS && forward)) {
            return;
        }
        Trace trace = decision.trace();
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
}
