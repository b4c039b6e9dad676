package site.paywall.edge.core.token;

/** A token read as a compact JWS up to its signature: usable ({@link CompactJws}) or refused, with why. */
public sealed interface JwsRead permits CompactJws, JwsRead.Refused {

    /** The token is not a compact RS256 JWS we can verify: always {@link RejectionCode#MALFORMED}. */
    record Refused(Verification.Rejected rejection) implements JwsRead { }
}
