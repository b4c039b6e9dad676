package site.paywall.edge.core.token;

import java.util.Optional;
import site.paywall.edge.core.Platform;
import site.paywall.edge.core.encoding.Base64Url;

/** The three base64url segments of a compact JWS, and the signing input they imply. */
record JwtSegments(String header, String payload, String signature, String signingInput) {

    /** Larger than any Cognito token; bounds the work an attacker can ask for. */
    static final int MAX_TOKEN_LENGTH = 8192;

    private static boolean isCanonical(String segment, Platform platform) {
        return Base64Url.hasCanonicalLengthAndEnd(segment) && platform.isBase64UrlAlphabet(segment);
    }

    /** Empty unless the token is exactly three non-empty base64url segments (no padding). */
    static Optional<JwtSegments> split(String token, Platform platform) {
        if (token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        // The two outer dots bound the segments; a third dot would sit inside the payload segment, which the
        // alphabet check below refuses. (Scanning only the short header and the signature: indexOf over a whole
        // 1 KB token is a character loop in compiled JS.)
        int first = token.indexOf('.');
        int second = token.lastIndexOf('.');
        if (first < 0 || second == first) {
            return Optional.empty();
        }
        String header = token.substring(0, first);
        String payload = token.substring(first + 1, second);
        String signature = token.substring(second + 1);
        if (!isCanonical(header, platform) || !isCanonical(payload, platform) || !isCanonical(signature, platform)) {
            return Optional.empty();
        }
        return Optional.of(new JwtSegments(header, payload, signature, token.substring(0, second)));
    }
}
