package site.paywall.edge.conformance.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The time oracle's bound. (That it catches a real blow-up was shown by putting the old quadratic Cookie parser back:
 * the fuzzer flagged two size-maximal cases at 3,398× and 6,036× the median; see the issue-11 note.)
 */
class TimeOracleTest {

    @Test
    void judgesNothingBeforeItHasAMedian() {
        TimeOracle oracle = new TimeOracle();
        for (int i = 0; i < TimeOracle.WARM_UP - 1; i++) {
            oracle.record(40);
        }
        assertEquals(Optional.empty(), oracle.bound());
        oracle.record(40);
        assertEquals(Optional.of(TimeOracle.FLOOR_MICROS), oracle.bound(), "50 × 40 µs is under the 5 ms floor");
    }

    @Test
    void theBoundIsFiftyTimesTheMedianOfRecentCases() {
        TimeOracle oracle = new TimeOracle();
        for (int i = 0; i < 1_000; i++) {
            oracle.record(i % 2 == 0 ? 150 : 250);
        }
        assertEquals(250, oracle.median());
        assertEquals(Optional.of(12_500L), oracle.bound());
        oracle.record(-1);
        assertEquals(Optional.of(12_500L), oracle.bound(), "an unmeasured case changes nothing");
    }
}
