package site.paywall.payingcustomers.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import site.paywall.payingcustomers.cognito.Ticker;
import site.paywall.payingcustomers.membership.BatchResult;

/** One line on stderr, redrawn after each import line when stderr is a terminal: "12/494 lines, added 10, ...". */
final class Progress {
    private static final String CLEAR = "\r\u001b[K";
    private final PrintWriter err;
    private final boolean on;
    private final int total;
    private final Ticker ticker;
    private final long start;
    private final Map<String, Integer> counts = new LinkedHashMap<>();
    private int done;

    Progress(PrintWriter err, boolean on, int total, Ticker ticker) {
        this.err = err;
        this.on = on;
        this.total = total;
        this.ticker = ticker;
        this.start = ticker.nanoTime();
    }

    void count(BatchResult result) {
        done++;
        counts.merge(Render.outcome(result), 1, Integer::sum);
    }

    /** Before anything else is printed, so the progress line does not mix into it. */
    void clear() {
        if (on) {
            err.print(CLEAR);
            err.flush();
        }
    }

    void draw() {
        if (!on) {
            return;
        }
        StringBuilder line = new StringBuilder(CLEAR).append(done).append('/').append(total).append(" lines");
        counts.forEach((label, n) -> line.append(", ").append(label).append(' ').append(n));
        line.append(", ").append(elapsed().toSeconds()).append(" s");
        err.print(line);
        err.flush();
    }

    Duration elapsed() {
        return Duration.ofNanos(ticker.nanoTime() - start);
    }
}
