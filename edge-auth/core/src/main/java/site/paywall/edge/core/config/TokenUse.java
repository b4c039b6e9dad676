package site.paywall.edge.core.config;

import java.util.Optional;

/** Cognito's {@code token_use} claim: which of its two JWTs a token is. */
public enum TokenUse {
    ID("id"), ACCESS("access");

    /** values() clones its array on every call; this is read per request. */
    private static final TokenUse[] ALL = values();

    private final String claimValue;

    TokenUse(String claimValue) {
        this.claimValue = claimValue;
    }

    public String claimValue() {
        return claimValue;
    }

    public static Optional<TokenUse> fromClaim(String value) {
        for (TokenUse use : ALL) {
            if (use.claimValue.equals(value)) {
                return Optional.of(use);
            }
        }
        return Optional.empty();
    }
}
