package site.paywall.edge.core.token;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * A token's validity window in whole seconds ({@code exp}, {@code iat}, optional {@code nbf}). Checked at
 * verification and again on every cache hit, so a cached token expires exactly when a fresh one would.
 */
public record TokenTimes(long expiresAt, long issuedAt, OptionalLong notBefore) {

    /**
     * Why the window does not hold {@code nowMillis}, allowing {@code skewSeconds} either way: expired once
     * {@code now >= exp + skew}; issued ({@code iat}) or starting ({@code nbf}) more than {@code skew} ahead.
     */
    public Optional<Verification.Rejected> problemAt(long nowMillis, int skewSeconds) {
        long skewMillis = skewSeconds * 1000L;
        if (nowMillis >= expiresAt * 1000L + skewMillis) {
            return Optional.of(new Verification.Rejected(RejectionCode.EXPIRED, "token expired (exp)"));
        }
        if (issuedAt * 1000L > nowMillis + skewMillis) {
            return Optional.of(new Verification.Rejected(RejectionCode.NOT_YET_VALID,
                    "token issued in the future (iat)"));
        }
        if (notBefore.isPresent() && notBefore.getAsLong() * 1000L > nowMillis + skewMillis) {
            return Optional.of(new Verification.Rejected(RejectionCode.NOT_YET_VALID, "token not valid yet (nbf)"));
        }
        return Optional.empty();
    }

    /** Milliseconds left before {@link #problemAt} reports the token expired; 0 or less once it has. */
    public long millisLeft(long nowMillis, int skewSeconds) {
        return expiresAt * 1000L + skewSeconds * 1000L - nowMillis;
    }
}
