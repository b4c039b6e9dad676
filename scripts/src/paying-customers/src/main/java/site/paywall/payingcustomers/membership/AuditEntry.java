package site.paywall.payingcustomers.membership;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One change that was attempted against the pool ({@code user} is absent for create-group). {@code action} is grant, revoke, sign-out or create-group;
 * {@code result} is ok or failed (then {@code error} says why).
 */
public record AuditEntry(Instant time, String pool, String group, Optional<String> user, String action, String result,
                         Optional<String> error) {

    public Map<String, Object> toMap(String admin) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", time.toString());
        m.put("pool", pool);
        m.put("group", group);
        user.ifPresent(u -> m.put("user", u));
        m.put("action", action);
        m.put("result", result);
        error.ifPresent(e -> m.put("error", e));
        m.put("admin", admin);
        return m;
    }
}
