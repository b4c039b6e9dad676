package site.paywall.edge.core.token;

import java.util.Optional;
import site.paywall.edge.core.Json;
import site.paywall.edge.core.Platform;

/**
 * A compact JWS whose structure and header passed: three canonical base64url segments (at most
 * {@link JwtSegments#MAX_TOKEN_LENGTH} characters in all), a header that is a JSON object with {@code alg} exactly
 * RS256, no {@code crit} and a string {@code kid}. What remains is the key, the signature and the payload.
 */
public record CompactJws(String kid, String signingInput, String payload, String signature) implements JwsRead {

    /**
     * The reference reading of a token, in the contract's order, each refusal worded for the log;
     * {@link Platform#readJws} must agree with it for every token.
     */
    public static JwsRead read(String token, Platform platform) {
        Optional<JwtSegments> segments = JwtSegments.split(token, platform);
        if (segments.isEmpty()) {
            return refused("not a compact JWS (three base64url segments, at most " + JwtSegments.MAX_TOKEN_LENGTH
                    + " characters)");
        }
        Optional<Json> header = platform.parseBase64UrlJson(segments.get().header());
        if (header.isEmpty() || !header.get().isObject()) {
            return refused("header is not a JSON object");
        }
        Optional<String> alg = header.get().string("alg");
        if (!alg.map("RS256"::equals).orElse(false)) {
            return refused("alg " + alg.map(LogSafe::quote).orElse("(missing)") + " is not RS256");
        }
        if (header.get().get("crit").isPresent()) {
            return refused("crit header present; no extension is understood");
        }
        Optional<String> kid = header.get().string("kid");
        if (kid.isEmpty()) {
            return refused("kid missing or not a string");
        }
        return new CompactJws(kid.get(), segments.get().signingInput(), segments.get().payload(),
                segments.get().signature());
    }

    private static JwsRead refused(String reason) {
        return new JwsRead.Refused(new Verification.Rejected(RejectionCode.MALFORMED, reason));
    }
}
