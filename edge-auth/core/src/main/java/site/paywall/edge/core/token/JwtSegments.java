package site.paywall.edge.core.token;

import java.util.Optional;

/** The three base64url segments of a compact JWS, and the signing input they imply. */
record JwtSegments(String header, String payload, String signature, String signingInput) {

    /** Larger than any Cognito token; bounds the work an attacker can ask for. */
    static final int MAX_TOKEN_LENGTH = 8192;

    /** Empty unless the token is exactly three non-empty base64url segments (no padding). */
    static Optional<JwtSegments> split(String token) {
        if (token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (second < 0 || token.indexOf('.', second + 1) >= 0) {
            return Optional.empty();
        }
        String header = token.substring(0, first);
        String payload = token.substring(first + 1, second);
        String signature = token.substring(second + 1);
        if (!Base64Url.isCanonical(header) || !Base64Url.isCanonical(payload)
                || !Base64Url.isCanonical(signature)) {
            return Optional.empty();
        }
        return Optional.of(new JwtSegments(header, payload, signature, token.substring(0, second)));
    }
}
