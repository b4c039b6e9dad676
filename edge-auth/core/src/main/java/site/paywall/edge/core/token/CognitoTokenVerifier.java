package site.paywall.edge.core.token;

import java.util.Optional;
import site.paywall.edge.core.Json;
import site.paywall.edge.core.Platform;
import site.paywall.edge.core.Platform.PublicKeyHandle;
import site.paywall.edge.core.config.EdgeConfig;

/**
 * Verifies a Cognito JWT with the runtime's crypto: compact form, header (alg RS256 only — never trusting the
 * token's choice —, a known kid, no {@code crit}), RS256 signature with the bundled key, then the claim rules.
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
        Optional<JwtSegments> segments = JwtSegments.split(token, platform);
        if (segments.isEmpty()) {
            return rejected(RejectionCode.MALFORMED, "not a compact JWS (three base64url segments, at most "
                    + JwtSegments.MAX_TOKEN_LENGTH + " characters)");
        }
        Optional<Json> header = platform.parseBase64UrlJson(segments.get().header());
        if (header.isEmpty() || !header.get().isObject()) {
            return rejected(RejectionCode.MALFORMED, "header is not a JSON object");
        }
        Optional<String> alg = header.get().string("alg");
        if (!alg.map("RS256"::equals).orElse(false)) {
            return rejected(RejectionCode.MALFORMED,
                    "alg " + alg.map(LogSafe::quote).orElse("(missing)") + " is not RS256");
        }
        if (header.get().get("crit").isPresent()) {
            return rejected(RejectionCode.MALFORMED, "crit header present; no extension is understood");
        }
        Optional<String> kid = header.get().string("kid");
        if (kid.isEmpty()) {
            return rejected(RejectionCode.MALFORMED, "kid missing or not a string");
        }
        Optional<PublicKeyHandle> key = keys.find(kid.get());
        if (key.isEmpty()) {
            return rejected(RejectionCode.UNKNOWN_KEY,
                    "kid " + LogSafe.quote(kid.get()) + " is not in the bundled JWKS");
        }
        if (!platform.verifyRs256(key.get(), segments.get().signingInput(), segments.get().signature())) {
            return rejected(RejectionCode.BAD_SIGNATURE, "signature does not verify");
        }
        Optional<Json> payload = platform.parseBase64UrlJson(segments.get().payload());
        if (payload.isEmpty() || !payload.get().isObject()) {
            return rejected(RejectionCode.MALFORMED, "payload is not a JSON object");
        }
        return claims.check(payload.get(), nowMillis);
    }

    private static Verification rejected(RejectionCode code, String reason) {
        return new Verification.Rejected(code, reason);
    }
}
