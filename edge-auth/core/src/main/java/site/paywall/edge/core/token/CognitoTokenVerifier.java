package site.paywall.edge.core.token;

import java.util.Optional;
import site.paywall.edge.core.Json;
import site.paywall.edge.core.Platform;
import site.paywall.edge.core.Platform.PublicKeyHandle;
import site.paywall.edge.core.config.EdgeConfig;

/**
 * Verifies a Cognito JWT with the runtime's crypto: compact form, header (alg RS256 only — never trusting the
 * token's choice —, a known kid, no {@code crit}), RS256 signature with the bundled key, then the claim rules.
 * The structure and the claims are read through the platform's coarse reads ({@link Platform#readJws},
 * {@link Platform#readClaims}); a payload whose claims are not all of the expected shape is read as JSON instead,
 * which words the refusal.
 */
public final class CognitoTokenVerifier implements TokenVerifier {

    private final Platform platform;
    private final KeyRing keys;
    private final CognitoClaims claims;

    public CognitoTokenVerifier(Platform platform, EdgeConfig config, KeyRing keys) {
        this.platform = platform;
        this.keys = keys;
        this.claims = new CognitoClaims(config);
    }

    @Override
    public Verification verify(String token, double nowMillis) {
        JwsRead read = platform.readJws(token);
        if (read instanceof JwsRead.Refused refused) {
            return refused.rejection();
        }
        CompactJws jws = (CompactJws) read;
        Optional<PublicKeyHandle> key = keys.find(jws.kid());
        if (key.isEmpty()) {
            return new Verification.Rejected(RejectionCode.UNKNOWN_KEY,
                    "kid " + LogSafe.quote(jws.kid()) + " is not in the bundled JWKS");
        }
        if (!platform.verifyRs256(key.get(), jws.signingInput(), jws.signature())) {
            return new Verification.Rejected(RejectionCode.BAD_SIGNATURE, "signature does not verify");
        }
        Optional<TypedClaims> typed = platform.readClaims(jws.payload());
        if (typed.isPresent()) {
            return claims.check(typed.get(), nowMillis);
        }
        Optional<Json> payload = platform.parseBase64UrlJson(jws.payload());
        if (payload.isEmpty() || !payload.get().isObject()) {
            return new Verification.Rejected(RejectionCode.MALFORMED, "payload is not a JSON object");
        }
        return claims.check(payload.get(), nowMillis);
    }
}
