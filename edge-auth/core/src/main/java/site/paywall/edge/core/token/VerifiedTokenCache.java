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
    private final Map<TokenKey, Identity> verified;

    public VerifiedTokenCache(TokenVerifier verifier, int capacity, int skewSeconds) {
        this.verifier = verifier;
        this.skewSeconds = skewSeconds;
        this.verified = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<TokenKey, Identity> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public Verification verify(String token, double nowMillis) {
        TokenKey key = new TokenKey(token);
        Identity known = verified.get(key);
        if (known != null) {
            Optional<Verification.Rejected> problem = known.times().problemAt(nowMillis, skewSeconds);
            if (problem.isEmpty()) {
                return new Verification.Verified(known);
            }
            verified.remove(key);
            return problem.get();
        }
        Verification fresh = verifier.verify(token, nowMillis);
        if (fresh instanceof Verification.Verified ok) {
            verified.put(key, ok.identity());
        }
        return fresh;
    }

    /**
     * The whole token is the key (equality compares every character). Its hash covers only the length and the last
     * characters — the signature's, effectively random — because hashing a whole ~1 KB token on every request costs
     * more than the lookup saves. Only verified tokens are ever stored, so no one can flood a bucket.
     */
    private record TokenKey(String token) {
        private static final int HASHED_TAIL = 32;

        @Override
        public int hashCode() {
            int hash = token.length();
            for (int i = Math.max(0, token.length() - HASHED_TAIL); i < token.length(); i++) {
                hash = 31 * hash + token.charAt(i);
            }
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof TokenKey key && key.token.equals(token);
        }
    }
}
