package site.paywall.payingcustomers.membership;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One audit line. A change writes two: {@code phase: "intent"} just before the call to Cognito, and
 * {@code phase: "outcome"} with the same {@code id} after it. An intent without an outcome means the tool stopped
 * while the call was in flight (killed, or the audit log failed): the change may have been applied.
 *
 * <p>{@code action} is grant, revoke, sign-out or create-group. {@code result} (outcome lines) is ok (applied),
 * unchanged (nothing needed changing after all), failed (not applied; {@code error} says why) or unknown (the answer
 * was lost and reading the state back failed too). {@code readBack} says what reading the state back showed
 * after a lost answer: applied or not-applied.
 */
public record AuditEntry(Instant time, String id, String phase, String pool, String group, Optional<String> user,
                         String action, Optional<String> result, Optional<String> error, Optional<String> readBack,
                         Optional<AuditSource> source, AuditContext context) {

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", time.toString());
        m.put("id", id);
        m.put("phase", phase);
        m.put("pool", pool);
        m.put("group", group);
        user.ifPresent(u -> m.put("user", u));
        m.put("action", action);
        result.ifPresent(r -> m.put("result", r));
        error.ifPresent(e -> m.put("error", e));
        readBack.ifPresent(r -> m.put("readBack", r));
        source.ifPresent(s -> {
            m.put("file", s.file());
            m.put("line", s.line());
        });
        m.put("principal", context.principal());
        context.profile().ifPresent(p -> m.put("profile", p));
        m.put("host", context.host());
        m.put("admin", context.admin());
        return m;
    }
}
