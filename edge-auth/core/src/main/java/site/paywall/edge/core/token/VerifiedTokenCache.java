package site.paywall.edge.core.token;

import java.util.Optional;

/**
 * Remembers tokens that verified, per container, keyed by the whole token string, so a repeated token skips the
 * RSA check. Only verified tokens are kept; on every hit the validity window is checked again (and the caller
 * applies the path rule again), so a hit can only ever repeat a decision a fresh verification would make. Bounded:
 * the least recently used token goes first ({@link RecentTokens}).
 */
public final class VerifiedTokenCache implements TokenVerifier {

    private final TokenVerifier verifier;
    private final int skewSeconds;
    private final RecentTokens verified;

    /** @param capacity at least 1 (a size of 0 means no cache at all: the caller does not make one) */
    public VerifiedTokenCache(TokenVerifier verifier, int capacity, int skewSeconds) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a verified-token cache holds at least one token");
        }
        this.verifier = verifier;
        this.skewSeconds = skewSeconds;
        this.verified = new RecentTokens(capacity);
    }

    @Override
    public Verification verify(String token, double nowMillis) {
        Verification.Verified known = verified.get(token);
        if (known != null) {
            Optional<Verification.Rejected> problem = known.identity().times().problemAt(nowMillis, skewSeconds);
            if (problem.isEmpty()) {
                return known;
            }
            verified.remove(token);
            return problem.get();
        }
        Verification fresh = verifier.verify(token, nowMillis);
        if (fresh instanceof Verification.Verified ok) {
            verified.put(token, ok);
        }
        return fresh;
    }
}
