package site.paywall.edge.core;

/**
 * One line of the decision log, as values: written by {@link Platform#logDecision} as the JSON object
 * {@code {requestId, path, decision, status, rule, reason, rejection, tokenFrom, sub}} in that order, leaving out
 * {@code status} when 0 and {@code rule}, {@code rejection}, {@code tokenFrom} and {@code sub} when "".
 */
public record DecisionLine(String requestId, String path, String decision, int status, String rule, String reason,
                           String rejection, String tokenFrom, String sub) {

    /** The reference text of the line (compact JSON, no newline); a platform's own writer must give the same. */
    public String toJson(Platform platform) {
        Json line = platform.newObject()
                .put("requestId", platform.string(requestId))
                .put("path", platform.string(path))
                .put("decision", platform.string(decision));
        if (status != 0) {
            line.put("status", platform.integer(status));
        }
        if (!rule.isEmpty()) {
            line.put("rule", platform.string(rule));
        }
        line.put("reason", platform.string(reason));
        if (!rejection.isEmpty()) {
            line.put("rejection", platform.string(rejection));
        }
        if (!tokenFrom.isEmpty()) {
            line.put("tokenFrom", platform.string(tokenFrom));
        }
        if (!sub.isEmpty()) {
            line.put("sub", platform.string(sub));
        }
        return platform.stringify(line);
    }
}
