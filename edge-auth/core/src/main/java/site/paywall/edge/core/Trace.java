package site.paywall.edge.core;

import java.util.Optional;
import site.paywall.edge.core.token.RejectionCode;

/**
 * What the decision log records about one decision: plain values — a rule's pattern, where the token came from, a
 * fixed phrase naming the check — so deciding builds no strings. A text member that does not apply is "" (a rule
 * pattern, a token's source and a verified subject are never empty), so a decision builds one Trace and nothing
 * else for it.
 *
 * @param rule      the matching rule's pattern, or "" before (or without) a rule
 * @param reason    why, for the log only, never the viewer: names a check, never a value
 * @param tokenFrom "authorization" or the token cookie's name when a token was used, else ""
 * @param sub       the verified token's subject, else ""
 * @param rejection the token's rejection code, when a token was refused
 */
public record Trace(String requestId, String path, String rule, String reason, String tokenFrom, String sub,
                    Optional<RejectionCode> rejection) {

    /** A decision made before (or without) a rule: no rule, no token. */
    public static Trace of(String requestId, String path, String reason) {
        return new Trace(requestId, path, "", reason, "", "", Optional.empty());
    }

    public Trace withRule(String pattern) {
        return new Trace(requestId, path, pattern, reason, tokenFrom, sub, rejection);
    }

    public Trace withReason(String newReason) {
        return new Trace(requestId, path, rule, newReason, tokenFrom, sub, rejection);
    }

    public Trace withToken(String from) {
        return new Trace(requestId, path, rule, reason, from, sub, rejection);
    }

    public Trace withSub(String subject) {
        return new Trace(requestId, path, rule, reason, tokenFrom, subject, rejection);
    }

    public Trace withRejection(RejectionCode code) {
        return new Trace(requestId, path, rule, reason, tokenFrom, sub, Optional.of(code));
    }

    public Trace withRejectionIfAny(Optional<RejectionCode> code) {
        return code.isPresent() ? withRejection(code.get()) : this;
    }
}
