package site.paywall.edge.core.token;

/**
 * Why a token was refused, as a code the flow can act on and the decision log records: only {@link #EXPIRED} sends a
 * browser to refresh its session; every other code sends it to sign in again. When several checks fail, the first in
 * the contract's order decides (structure, key, signature, then issuer, token use, audience, claim shapes, and the
 * validity window last), so "expired" always means "a genuine token of this site whose time ran out".
 */
public enum RejectionCode {
    /** Not a compact RS256 JWS we can read: segments, header, alg, crit, kid, payload or a claim of the wrong shape. */
    MALFORMED("malformed"),
    /** The header's kid is not in the bundled JWKS. */
    UNKNOWN_KEY("unknown_key"),
    /** The RS256 signature does not verify with the bundled key. */
    BAD_SIGNATURE("bad_signature"),
    WRONG_ISSUER("wrong_issuer"),
    WRONG_TOKEN_USE("wrong_token_use"),
    /** {@code aud} (ID token) or {@code client_id} (access token) is not an accepted app client. */
    WRONG_AUDIENCE("wrong_audience"),
    /** {@code now >= exp + skew}. */
    EXPIRED("expired"),
    /** {@code iat} or {@code nbf} more than the skew ahead of now. */
    NOT_YET_VALID("not_yet_valid");

    private final String logName;

    RejectionCode(String logName) {
        this.logName = logName;
    }

    /** The code as the decision log writes it. */
    public String logName() {
        return logName;
    }
}
