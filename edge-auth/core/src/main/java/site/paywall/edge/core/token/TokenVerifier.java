package site.paywall.edge.core.token;

/**
 * Turns a presented token into an identity or a reason to reject it. Implementations: {@link CognitoTokenVerifier}
 * (the core's own, on the seam; what the edge runs), {@link VerifiedTokenCache} (a bounded cache in front of it) and,
 * on the JVM, the nimbus-jose-jwt reference.
 */
public interface TokenVerifier {

    Verification verify(String token, double nowMillis);
}
