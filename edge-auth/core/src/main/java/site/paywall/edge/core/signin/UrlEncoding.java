package site.paywall.edge.core.signin;

import java.util.Optional;
import site.paywall.edge.core.encoding.Hex;
import site.paywall.edge.core.encoding.Utf8;

/**
 * Percent-encoding for the flow's URLs and form bodies (RFC 3986 §2; forms per the WHATWG URL standard), written out
 * so that both runtimes encode byte for byte alike and every loop is linear.
 */
public final class UrlEncoding {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UrlEncoding() { }

    /** Every character but the unreserved ones (A–Z a–z 0–9 - . _ ~) as %XX of its UTF-8 bytes. */
    public static String component(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isUnreserved(c)) {
                out.append(c);
                continue;
            }
            int codePoint = c;
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                codePoint = Character.toCodePoint(c, text.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                codePoint = 0xfffd;
            }
            if (codePoint < 0x80) {
                percent(out, codePoint);
            } else if (codePoint < 0x800) {
                percent(out, 0xc0 | (codePoint >> 6));
                percent(out, 0x80 | (codePoint & 0x3f));
            } else if (codePoint < 0x10000) {
                percent(out, 0xe0 | (codePoint >> 12));
                percent(out, 0x80 | ((codePoint >> 6) & 0x3f));
                percent(out, 0x80 | (codePoint & 0x3f));
            } else {
                percent(out, 0xf0 | (codePoint >> 18));
                percent(out, 0x80 | ((codePoint >> 12) & 0x3f));
                percent(out, 0x80 | ((codePoint >> 6) & 0x3f));
                percent(out, 0x80 | (codePoint & 0x3f));
            }
        }
        return out.toString();
    }

    /**
     * Decodes %XX (and, in a query or form, "+" as a space) to text; empty when an escape is broken or the bytes are
     * not valid UTF-8.
     */
    public static Optional<String> decode(String text, boolean plusIsSpace) {
        byte[] bytes = new byte[text.length()];
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                int high = i + 2 < text.length() ? Hex.digit(text.charAt(i + 1)) : -1;
                int low = high >= 0 ? Hex.digit(text.charAt(i + 2)) : -1;
                if (low < 0) {
                    return Optional.empty();
                }
                bytes[count++] = (byte) (high * 16 + low);
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes[count++] = ' ';
            } else if (c >= 0x80) {
                return Optional.empty();
            } else {
                bytes[count++] = (byte) c;
            }
        }
        return Utf8.decodeStrict(bytes, count);
    }

    static boolean isUnreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                || c == '_' || c == '~';
    }

    private static void percent(StringBuilder out, int b) {
        out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
    }
}
