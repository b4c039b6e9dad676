package site.paywall.edge.core.token;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Remembers tokens that verified, per container, keyed by the whole token string, so a repeated token skips the
 * RSA check. Only verified tokens are kept; on every hit the validity window is checked again (and the caller
 * applies the path rule again), so a hit can only ever repeat a decision a fresh verification would make.
 */
public final class VerifiedTokenCache implements TokenVerifier {

    private final TokenVerifier verifier;
    private final int skewSeconds;
    private final Map<String, Identity> verified;

    public VerifiedTokenCache(TokenVerifier verifier, int capacity, int skewSeconds) {
        this.verifier = verifier;
        this.skewSeconds = skewSeconds;
        this.verified = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Identity> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public Verification verify(String token, long nowMillis) {
        Identity known = verified.get(token);
        if (known != null) {
            Optional<String> problem = known.times().problemAt(nowMillis, skewSeconds);
            if (problem.isEmpty()) {
                return new Verification.Verified(known);
            }
            verified.remove(token);
            return new Verification.Rejected(problem.get());
        }
        Verification fresh = verifier.verify(token, nowMillis);
        if (fresh instanceof Verification.Verified ok) {
            verified.put(token, ok.identity());
        }
        return fresh;
    }

    int size() {
        return verified.size();
    }
}
