package site.paywall.payingcustomers.membership;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Optional;
import site.paywall.payingcustomers.output.Json;

/**
 * Writes one JSON line per attempted change, flushed at once so that a crash later in a batch loses nothing.
 * Lines hold no credentials: only time, pool, group, user, action, result, error text and the OS user.
 */
public final class AuditLog {
    private final PrintWriter sink;
    private final PrintWriter fallback;
    private final Clock clock;
    private final String admin;

    /**
     * @param sink     where lines go (stderr or the --audit-log file)
     * @param fallback where a line goes if writing to {@code sink} fails (stderr)
     */
    public AuditLog(PrintWriter sink, PrintWriter fallback, Clock clock, String admin) {
        this.sink = sink;
        this.fallback = fallback;
        this.clock = clock;
        this.admin = admin;
    }

    public void record(String pool, String group, Optional<String> user, String action, Optional<String> error) {
        AuditEntry entry = new AuditEntry(clock.instant(), pool, group, user, action,
                error.isPresent() ? "failed" : "ok", error);
        String line = Json.write(entry.toMap(admin));
        sink.println(line);
        sink.flush();
        if (sink.checkError() && sink != fallback) {
            fallback.println("paying-customers: warning: could not write the audit log; the line was: " + line);
            fallback.flush();
        }
    }
}
