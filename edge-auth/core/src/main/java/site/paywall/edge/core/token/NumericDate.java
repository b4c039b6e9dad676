package site.paywall.edge.core.token;

import java.util.Optional;
import site.paywall.edge.core.Json;

/**
 * Reads a NumericDate claim (RFC 7519 §2): a JSON number of seconds. Fractions are truncated; values outside
 * 1970…9999 are refused so that no runtime overflows converting them to milliseconds. Whole seconds are kept as a
 * double (exact far beyond 9999): TeaVM compiles {@code long} to a JS BigInt.
 */
final class NumericDate {

    /** 9999-12-31T23:59:59Z. */
    static final double MAX_SECONDS = 253_402_300_799d;

    private NumericDate() { }

    /** The claim's whole seconds; NaN when absent, or when refused (the refusal is added to {@code problems}). */
    static double read(Json claims, String name, ClaimProblems problems) {
        Optional<Json> value = claims.get(name);
        if (value.isEmpty()) {
            return Double.NaN;
        }
        double seconds = value.get().isNumber() ? value.get().numberValue() : Double.NaN;
        if (!(seconds >= 0 && seconds <= MAX_SECONDS)) {
            problems.add(RejectionCode.MALFORMED, name + " is not a NumericDate between 1970 and 9999");
            return Double.NaN;
        }
        return Math.floor(seconds);
    }
}
