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
        Json line = platform.newObject()
                .put("requestId", platform.string(trace.requestId()))
                .put("path", platform.string(path.length() > MAX_PATH ? path.substring(0, MAX_PATH) + "…" : path));
        if (decision instanceof Decision.Deny denied) {
            line.put("decision", platform.string("deny")).put("status", platform.integer(denied.denial().status()));
        } else if (decision instanceof Decision.Respond respond) {
            int status = respond.response().status();
            line.put("decision", platform.string(status >= 300 && status < 400 ? "redirect" : "respond"))
                    .put("status", platform.integer(status));
        } else {
            line.put("decision", platform.string("forward"));
        }
        if (!trace.rule().isEmpty()) {
            line.put("rule", platform.string(trace.rule()));
        }
        line.put("reason", platform.string(trace.reason()));
        trace.rejection().ifPresent(code -> line.put("rejection", platform.string(code.logName())));
        if (!trace.tokenFrom().isEmpty()) {
            line.put("tokenFrom", platform.string(trace.tokenFrom()));
        }
        if (!trace.sub().isEmpty()) {
            line.put("sub", platform.string(trace.sub()));
        }
        platform.log(platform.stringify(line));
    }
}
