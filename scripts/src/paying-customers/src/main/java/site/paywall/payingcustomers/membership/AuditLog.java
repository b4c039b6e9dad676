package site.paywall.payingcustomers.membership;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Optional;
import site.paywall.payingcustomers.output.Json;

/**
 * Writes the audit trail: an intent line before each change and an outcome line after it, each written through
 * to the sink before the tool goes on. A line that cannot be written throws {@link AuditLogException}: the
 * change it belongs to is not made (intent) or no further change is made (outcome). The unwritten line is shown
 * on stderr so that it is not lost. Lines hold no credentials.
 */
public final class AuditLog {
    /** The outcome of a change, as the trail records it. */
    public enum Result {
        OK("ok"), UNCHANGED("unchanged"), FAILED("failed"), UNKNOWN("unknown");

        private final String label;

        Result(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final AuditSink sink;
    private final PrintWriter err;
    private final Clock clock;
    private final String pool;
    private final String group;
    private final AuditContext context;
    private final String runId;
    private int sequence;

    /**
     * @param runId distinguishes this run's ids from other runs' in the same file
     */
    public AuditLog(AuditSink sink, PrintWriter err, Clock clock, String pool, String group, AuditContext context,
                    String runId) {
        this.sink = sink;
        this.err = err;
        this.clock = clock;
        this.pool = pool;
        this.group = group;
        this.context = context;
        this.runId = runId;
    }

    /** Records that {@code action} is about to be sent; returns the id its outcome must name. */
    public synchronized String intent(String action, Optional<String> user, Optional<AuditSource> source) {
        String id = runId + "-" + (++sequence);
        write(new AuditEntry(now(), id, "intent", pool, group, user, action, Optional.empty(),
                Optional.empty(), Optional.empty(), source, context));
        return id;
    }

    public synchronized void outcome(String id, String action, Optional<String> user, Optional<AuditSource> source,
                                     Result result, Optional<String> error, Optional<String> readBack) {
        write(new AuditEntry(now(), id, "outcome", pool, group, user, action, Optional.of(result.label()),
                error, readBack, source, context));
    }

    private java.time.Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    private void write(AuditEntry entry) {
        String line = Json.write(entry.toMap());
        try {
            sink.write(line);
        } catch (IOException | RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            err.println("paying-customers: could not write the audit log " + sink.describe() + " (" + reason
                    + "); the line was: " + line);
            err.flush();
            throw new AuditLogException("could not write the audit log " + sink.describe() + " (" + reason + ")");
        }
    }
}
