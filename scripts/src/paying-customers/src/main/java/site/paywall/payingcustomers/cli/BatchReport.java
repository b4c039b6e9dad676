package site.paywall.payingcustomers.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import site.paywall.payingcustomers.membership.Batch;
import site.paywall.payingcustomers.membership.BatchResult;
import site.paywall.payingcustomers.output.Json;

/**
 * What grant, revoke and import print while a batch runs and when it stops early: each result as it happens
 * (text, or one JSON object per line with --json-lines), a progress line on a terminal, and after a stop the same
 * summary in every case (outage, Ctrl-C, a failure that would repeat for everyone) with the command to resume.
 */
final class BatchReport {
    enum Format { TEXT, JSON, JSON_LINES }

    private final PrintWriter out;
    private final PrintWriter err;
    private final Format format;
    private final boolean lineNumbers;
    private final String group;
    private final Progress progress;

    BatchReport(Session session, Format format, boolean lineNumbers, Progress progress) {
        this.out = session.out;
        this.err = session.err;
        this.format = format;
        this.lineNumbers = lineNumbers;
        this.group = session.settings.group();
        this.progress = progress;
    }

    static Format format(Settings settings, boolean jsonLines) {
        if (jsonLines) {
            return Format.JSON_LINES;
        }
        return settings.json() ? Format.JSON : Format.TEXT;
    }

    /** The batch listener: called as each line finishes. */
    void line(BatchResult result) {
        progress.count(result);
        progress.clear();
        switch (format) {
            case JSON_LINES -> {
                out.println(Json.write(Render.json(result, true)));
                out.flush();
            }
            case TEXT -> {
                String text = Render.text(result, group);
                if (lineNumbers) {
                    out.println("line " + result.line() + ": " + text);
                    out.flush();
                } else {
                    PrintWriter to = Render.failure(result).isPresent() ? err : out;
                    to.println(text);
                    to.flush();
                }
            }
            case JSON -> {
                // Collected into one document at the end.
            }
        }
        progress.draw();
    }

    void finish() {
        progress.clear();
    }

    /** For --json and the last --json-lines object. */
    static Map<String, Object> stoppedJson(Batch.Stop stop, List<BatchResult> results, String resume, Duration elapsed,
                                           boolean lineNumbers) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", stop.reason().kind().label());
        m.put("message", stop.reason().message());
        if (lineNumbers) {
            m.put("resumeLine", stop.resumeLine());
        }
        m.put("notAttempted", results.stream().filter(r -> r instanceof BatchResult.NotAttempted).count());
        m.put("seconds", elapsed.toMillis() / 1000.0);
        m.put("resumeCommand", resume);
        return m;
    }

    /** The end-of-run summary of a stopped batch, on stderr. */
    void printStop(Batch.Stop stop, List<BatchResult> results, String resume, Duration elapsed) {
        List<BatchResult.NotAttempted> skipped = results.stream()
                .filter(r -> r instanceof BatchResult.NotAttempted).map(r -> (BatchResult.NotAttempted) r).toList();
        long done = results.stream().filter(r -> r instanceof BatchResult.Ran).count();
        long unknown = results.stream().filter(r -> Render.outcome(r).equals("unknown")).count();
        err.println();
        err.println("Stopped after " + String.format(java.util.Locale.ROOT, "%.1f s", elapsed.toMillis() / 1000.0)
                + ": " + stop.reason().kind().label() + ": " + stop.reason().message());
        String what = (lineNumbers ? "line" : "user") + (done == 1 ? "" : "s");
        StringBuilder summary = new StringBuilder("  ran: " + done + " " + what);
        if (unknown > 0) {
            summary.append(" (").append(unknown).append(" unknown: check them with status)");
        }
        summary.append("; not attempted: ").append(skipped.size());
        if (!skipped.isEmpty()) {
            summary.append(lineNumbers
                    ? " (lines " + skipped.get(0).line()
                            + (skipped.size() > 1 ? "-" + skipped.get(skipped.size() - 1).line() : "") + ")"
                    : " (" + String.join(", ", skipped.stream().map(s -> s.instruction().user()).toList()) + ")");
        }
        err.println(summary);
        err.println("Resume with (a line that was already done is safe to run again):");
        err.println("  " + resume);
        err.flush();
    }

    /** An outage or Ctrl-C: no further call is worth making (such as reading token lifetimes). */
    static boolean cutOff(Batch.Outcome outcome) {
        return outcome.stop().map(s -> s.reason().kind() == site.paywall.payingcustomers.cognito.FailureKind.UNAVAILABLE
                || s.reason().kind() == site.paywall.payingcustomers.cognito.FailureKind.INTERRUPTED).orElse(false);
    }
}
