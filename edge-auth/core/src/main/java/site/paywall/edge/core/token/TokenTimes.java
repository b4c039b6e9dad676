package site.paywall.edge.core.token;

import java.util.Optional;

/**
 * A token's validity window in whole seconds ({@code exp}, {@code iat}, and {@code nbf} or {@link #NO_NOT_BEFORE}).
 * Checked at verification and again on every cache hit, so a cached token expires exactly when a fresh one would.
 * Doubles, not longs: TeaVM compiles {@code long} arithmetic to JS BigInt, and these are checked on every request;
 * every value here (whole seconds up to 9999-12-31, times 1000) is an integer a double holds exactly.
 */
public record TokenTimes(double expiresAt, double issuedAt, double notBefore) {

    /** {@code notBefore} of a token without {@code nbf}: no lower bound beyond {@code iat}. */
    public static final double NO_NOT_BEFORE = Double.NEGATIVE_INFINITY;

    private static final Optional<Verification.Rejected> EXPIRED = Optional.of(
            new Verification.Rejected(RejectionCode.EXPIRED, "token expired (exp)"));
    private static final Optional<Verification.Rejected> ISSUED_IN_THE_FUTURE = Optional.of(
            new Verification.Rejected(RejectionCode.NOT_YET_VALID, "token issued in the future (iat)"));
    private static final Optional<Verification.Rejected> NOT_VALID_YET = Optional.of(
            new Verification.Rejected(RejectionCode.NOT_YET_VALID, "token not valid yet (nbf)"));

    /**
     * Why the window does not hold {@code nowMillis}, allowing {@code skewSeconds} either way: expired once
     * {@code now >= exp + skew}; issued ({@code iat}) or starting ({@code nbf}) more than {@code skew} ahead.
     */
    public Optional<Verification.Rejected> problemAt(double nowMillis, int skewSeconds) {
        double skewMillis = skewSeconds * 1000d;
        if (nowMillis >= expiresAt * 1000d + skewMillis) {
            return EXPIRED;
        }
        if (issuedAt * 1000d > nowMillis + skewMillis) {
            return ISSUED_IN_THE_FUTURE;
        }
        if (notBefore * 1000d > nowMillis + skewMillis) {
            return NOT_VALID_YET;
        }
        return Optional.empty();
    }

    /** Milliseconds left before {@link #problemAt} reports the token expired; 0 or less once it has. */
    public double millisLeft(double nowMillis, int skewSeconds) {
        return expiresAt * 1000d + skewSeconds * 1000d - nowMillis;
    }
}
