package site.paywall.edge.core.request;

import java.util.Optional;
import site.paywall.edge.core.encoding.Hex;
import site.paywall.edge.core.encoding.Utf8;

/**
 * Decides which object a URI names. S3 percent-decodes the key, so {@code /premium%2Freport.pdf} fetches
 * {@code premium/report.pdf}: rules must see the decoded path, and any URI whose decoded form could be read two
 * ways — dot segments, empty segments, an encoded "/" or "\", control characters, broken percent-encoding or
 * UTF-8 — is refused rather than guessed at. Plain encodings such as {@code %20} in a file name are fine, and a raw
 * {@code +} reads as a space, as S3 reads it. Linear in the URI: every character is visited at most three times.
 */
public final class CanonicalPath {

    /** CloudFront's own limit on the URL. */
    static final int MAX_URI_LENGTH = 8192;

    private CanonicalPath() { }

    public static PathCheck check(String uri) {
        if (uri.isEmpty() || uri.charAt(0) != '/') {
            return notCanonical("uri does not start with \"/\"");
        }
        if (uri.length() > MAX_URI_LENGTH) {
            return notCanonical("uri longer than " + MAX_URI_LENGTH + " characters");
        }
        // Most URIs hold no "%" or "+": checked in place, in one pass, without a byte buffer, until the first one.
        // The raw characters are judged first over the whole URI (as when decoding), so a segment problem seen on
        // the way is only reported once the whole URI turned out plain.
        int segmentStart = 1;
        String segmentProblem = "";
        for (int i = 1; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c == '%' || c == '+') {
                return decode(uri, i);
            } else if (c <= 0x20 || c >= 0x7f) {
                return notCanonical("raw character U+" + Integer.toHexString(c) + " at position " + i
                        + " (must be percent-encoded)");
            } else if (c == '\\') {
                return notCanonical("raw \"\\\" at position " + i);
            } else if (c == '/') {
                if (segmentProblem.isEmpty()) {
                    segmentProblem = segmentProblem(uri, segmentStart, i, false);
                }
                segmentStart = i + 1;
            }
        }
        if (segmentProblem.isEmpty()) {
            segmentProblem = segmentProblem(uri, segmentStart, uri.length(), true);
        }
        return segmentProblem.isEmpty() ? new PathCheck.Canonical(uri) : notCanonical(segmentProblem);
    }

    /** Why the segment {@code path[start, end)} is not canonical, or "" (the same rules as {@link #segments}). */
    private static String segmentProblem(String path, int start, int end, boolean last) {
        int length = end - start;
        if (length == 0 && !last) {
            return EMPTY_SEGMENT;
        }
        if ((length == 1 && path.charAt(start) == '.')
                || (length == 2 && path.charAt(start) == '.' && path.charAt(start + 1) == '.')) {
            return DOT_SEGMENT;
        }
        return "";
    }

    private static final String EMPTY_SEGMENT = "empty path segment (\"//\")";
    private static final String DOT_SEGMENT = "dot segment (\".\" or \"..\", maybe percent-encoded)";

    /** The URI from {@code from} on, where its first "%" or "+" is; everything before it is plain ASCII. */
    private static PathCheck decode(String uri, int from) {
        byte[] bytes = new byte[uri.length()];
        int count = 0;
        for (; count < from; count++) {
            bytes[count] = (byte) uri.charAt(count);
        }
        for (int i = from; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c == '%') {
                int high = i + 2 < uri.length() ? Hex.digit(uri.charAt(i + 1)) : -1;
                int low = high >= 0 ? Hex.digit(uri.charAt(i + 2)) : -1;
                if (low < 0) {
                    return notCanonical("invalid percent-encoding at position " + i);
                }
                int b = high * 16 + low;
                if (b == '/' || b == '\\') {
                    return notCanonical("encoded \"" + (char) b + "\" at position " + i);
                }
                bytes[count++] = (byte) b;
                i += 2;
            } else if (c == '+') {
                // S3 reads a raw "+" in the request path as a space (the key "a b" answers "/a+b"; "/a%2Bb" is the
                // key "a+b"), so the rules must see the space too.
                bytes[count++] = ' ';
            } else if (c <= 0x20 || c >= 0x7f) {
                return notCanonical("raw character U+" + Integer.toHexString(c) + " at position " + i
                        + " (must be percent-encoded)");
            } else if (c == '\\') {
                return notCanonical("raw \"\\\" at position " + i);
            } else {
                bytes[count++] = (byte) c;
            }
        }
        Optional<String> decoded = Utf8.decodeStrict(bytes, count);
        return decoded.isPresent() ? segments(decoded.get())
                : notCanonical("percent-encoded bytes are not valid UTF-8");
    }

    private static PathCheck segments(String path) {
        int segmentStart = 1;
        for (int i = 1; i <= path.length(); i++) {
            if (i < path.length()) {
                char c = path.charAt(i);
                if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                    return notCanonical("control character U+" + Integer.toHexString(c) + " in the decoded path");
                }
                if (c != '/') {
                    continue;
                }
            }
            String problem = segmentProblem(path, segmentStart, i, i == path.length());
            if (!problem.isEmpty()) {
                return notCanonical(problem);
            }
            segmentStart = i + 1;
        }
        return new PathCheck.Canonical(path);
    }

    private static PathCheck notCanonical(String reason) {
        return new PathCheck.NotCanonical(reason);
    }
}
