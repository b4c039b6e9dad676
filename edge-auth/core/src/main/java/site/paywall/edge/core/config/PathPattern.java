package site.paywall.edge.core.config;

import java.util.Optional;
import site.paywall.edge.core.encoding.Hex;

/**
 * A CloudFront-style path pattern: {@code *} matches any run of characters including {@code /}, {@code ?} exactly
 * one character (one code point), everything else itself (case-sensitive, like S3 keys). Patterns are matched
 * against the percent-decoded path, i.e. the key S3 will resolve.
 */
public record PathPattern(String text) {

    private static final int MAX_LENGTH = 1024;

    /** Why {@code text} cannot be a pattern, if it cannot. */
    public static Optional<String> problem(String text) {
        if (text.isEmpty()) {
            return Optional.of("is empty");
        }
        if (text.charAt(0) != '/' && text.charAt(0) != '*') {
            return Optional.of("must start with \"/\" (or \"*\")");
        }
        if (text.length() > MAX_LENGTH) {
            return Optional.of("is longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return Optional.of("contains a control character at position " + i);
            }
            if (c == '\\') {
                return Optional.of("contains \"\\\", which a canonical path never holds");
            }
            // Patterns match the decoded path (the key), so "%20" here could only match a key holding "%20" itself:
            // almost surely meant as the space it encodes, which would leave the rule dead and the path unprotected.
            if (c == '%' && i + 2 < text.length() && Hex.digit(text.charAt(i + 1)) >= 0
                    && Hex.digit(text.charAt(i + 2)) >= 0) {
                return Optional.of("holds the percent-encoding \"" + text.substring(i, i + 3) + "\" at position " + i
                        + ": patterns match the decoded path, so write the character itself");
            }
        }
        // Such segments can never match a canonical path, so the rule would be dead: almost surely a mistake.
        if (text.contains("//")) {
            return Optional.of("contains an empty segment (\"//\"), which a canonical path never holds");
        }
        String padded = text + "/";
        if (padded.contains("/./") || padded.contains("/../")) {
            return Optional.of("contains a dot segment, which a canonical path never holds");
        }
        return Optional.empty();
    }

    /**
     * Greedy matching with one backtrack point (the last {@code *}): at most (path length × pattern length) steps,
     * 8,192 × 1,024 at the limits, and in practice about the path's length — never exponential, whatever the number
     * of stars. {@code ?} is one character: a code point, so an emoji (two UTF-16 units) counts once. A {@code *} in
     * the pattern is always the wildcard, also where the path holds a {@code *} (taken as a literal there, it left
     * no star for the rest: {@code /premium/*x} missed {@code /premium/*} and fell through to a later rule).
     */
    public boolean matches(String path) {
        int p = 0;
        int s = 0;
        int starAt = -1;
        int resumeAt = 0;
        while (s < path.length()) {
            char want = p < text.length() ? text.charAt(p) : 0;
            if (want == '*') {
                if (p == text.length() - 1) {
                    return true; // a final star takes whatever is left
                }
                starAt = p++;
                resumeAt = s;
            } else if (want == '?') {
                p++;
                s += Character.isHighSurrogate(path.charAt(s)) && s + 1 < path.length()
                        && Character.isLowSurrogate(path.charAt(s + 1)) ? 2 : 1;
            } else if (p < text.length() && want == path.charAt(s)) {
                p++;
                s++;
            } else if (starAt >= 0) {
                // Let the last star swallow one more character and retry; linear enough for our short patterns.
                p = starAt + 1;
                s = ++resumeAt;
            } else {
                return false;
            }
        }
        while (p < text.length() && text.charAt(p) == '*') {
            p++;
        }
        return p == text.length();
    }
}
