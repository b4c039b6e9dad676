package site.paywall.payingcustomers.cognito;

/**
 * Counts unavailable answers in a row (timeouts, refused connections, 5xx), across every call of a run. Any other
 * answer resets the count. Once {@link #THRESHOLD} are reached the run is in an outage: the call in flight stops
 * retrying, and a batch stops after its current line instead of spending every remaining line's retry budget in
 * silence.
 */
public final class OutageGuard {
    /** Three unavailable answers in a row: about 1 s when nothing listens, 3 read timeouts when the server hangs. */
    public static final int THRESHOLD = 3;

    private int unavailableInARow;

    public synchronized void answered() {
        unavailableInARow = 0;
    }

    public synchronized void unavailable() {
        unavailableInARow++;
    }

    public synchronized int unavailableInARow() {
        return unavailableInARow;
    }

    public synchronized boolean outage() {
        return unavailableInARow >= THRESHOLD;
    }
}
