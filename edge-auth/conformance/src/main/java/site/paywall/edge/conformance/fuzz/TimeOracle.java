package site.paywall.edge.conformance.fuzz;

import java.util.Arrays;
import java.util.Optional;

/**
 * The bundle's time per case against the run's median: the JVM hides what JavaScript costs (a loop linear in Java
 * can be quadratic once TeaVM compiles it), so the deployable bundle's own handler time — measured inside Node — is
 * judged. A case slower than {@link #FACTOR} times the median (and than {@link #FLOOR_MICROS}) is timed again; if the
 * fastest of its runs is still that slow, it is a failure. Every size-maximal input family costs at most about 10×
 * an ordinary request (scripts/bench --adversarial), so the bound leaves room for noise and none for a blow-up.
 */
final class TimeOracle {

    static final double FACTOR = 50;
    static final long FLOOR_MICROS = 5_000;
    /** Cases measured before the oracle judges: the median needs a base. */
    static final int WARM_UP = 200;
    private static final int WINDOW = 1_001;

    private final long[] window = new long[WINDOW];
    private int count;
    private long median;

    /** Records a bundle time (µs); the median is recomputed now and then over the last {@value #WINDOW} cases. */
    void record(long micros) {
        if (micros < 0) {
            return;
        }
        window[count % WINDOW] = micros;
        count++;
        if (count <= WARM_UP || count % 100 == 0) {
            long[] sorted = Arrays.copyOf(window, Math.min(count, WINDOW));
            Arrays.sort(sorted);
            median = sorted[sorted.length / 2];
        }
    }

    /** The bound a case's time must stay under, once there is a median to judge by. */
    Optional<Long> bound() {
        return count < WARM_UP ? Optional.empty() : Optional.of(Math.max(FLOOR_MICROS, (long) (FACTOR * median)));
    }

    long median() {
        return median;
    }
}
