package site.paywall.edge.core;

import site.paywall.edge.core.config.DecisionLogLevel;

/**
 * One JSON line per decision: request id, path, decision, status, rule, reason, where the token came from and —
 * when a token verified — its {@code sub}. Reasons name checks, never values: no token, cookie value or signature is ever written.
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
        boolean deny = decision instanceof Decision.Deny;
        if (level == DecisionLogLevel.OFF || (level == DecisionLogLevel.DENIALS && !deny)) {
            return;
        }
        String path = decision.path();
        Json line = platform.newObject()
                .put("requestId", platform.string(decision.requestId()))
                .put("path", platform.string(path.length() > MAX_PATH ? path.substring(0, MAX_PATH) + "…" : path))
                .put("decision", platform.string(deny ? "deny" : "forward"));
        if (decision instanceof Decision.Deny denied) {
            line.put("status", platform.integer(denied.denial().status()));
        }
        if (!decision.rule().isEmpty()) {
            line.put("rule", platform.string(decision.rule()));
        }
        line.put("reason", platform.string(decision.reason()));
        if (!decision.tokenFrom().isEmpty()) {
            line.put("tokenFrom", platform.string(decision.tokenFrom()));
        }
        decision.sub().ifPresent(sub -> line.put("sub", platform.string(sub)));
        platform.log(platform.stringify(line));
    }
}
