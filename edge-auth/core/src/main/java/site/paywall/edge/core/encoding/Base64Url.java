package site.paywall.edge.core.encoding;

import java.util.Optional;

/**
 * Strict base64url (RFC 4648 §5, no padding). Runtime decoders are lenient — Node's Buffer skips characters it does
 * not know, TeaVM's Base64 decodes "%%%" — so the core checks the alphabet itself before handing text to them.
 */
public final class Base64Url {

    private Base64Url() { }

    /**
     * True when {@code text} is the one canonical unpadded base64url form of some bytes: non-empty, only the
     * alphabet, a decodable length, and zero unused bits in the last character (so no two strings decode to the
     * same bytes — a token has exactly one spelling).
     */
    public static boolean isCanonical(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (sextet(text.charAt(i)) < 0) {
                return false;
            }
        }
        return hasCanonicalLengthAndEnd(text);
    }

    /**
     * The checks of {@link #isCanonical} beyond the alphabet, for text already known to be in it: non-empty, a
     * decodable length, and zero unused bits in the last character.
     */
    public static boolean hasCanonicalLengthAndEnd(String text) {
        int length = text.length();
        if (length == 0 || length % 4 == 1) {
            return false;
        }
        int unusedBits = length % 4 == 2 ? 0x0f : length % 4 == 3 ? 0x03 : 0;
        return (sextet(text.charAt(length - 1)) & unusedBits) == 0;
    }

    /** Decodes; empty unless {@link #isCanonical} holds. Config-time only: the hot path decodes via the seam. */
    public static Optional<byte[]> decode(String text) {
        if (!isCanonical(text)) {
            return Optional.empty();
        }
        int length = text.length();
        byte[] out = new byte[length * 3 / 4];
        int bits = 0;
        int bitCount = 0;
        int o = 0;
        for (int i = 0; i < length; i++) {
            bits = (bits << 6) | sextet(text.charAt(i));
            bitCount += 6;
            if (bitCount >= 8) {
                bitCount -= 8;
                out[o++] = (byte) (bits >> bitCount);
                bits &= (1 << bitCount) - 1;
            }
        }
        return Optional.of(out);
    }

    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();

    /** Unpadded base64url of ASCII text (each character one byte); the sign-in flow's cookie values use it. */
    public static String encodeAscii(String ascii) {
        StringBuilder out = new StringBuilder((ascii.length() * 4 + 2) / 3);
        int bits = 0;
        int bitCount = 0;
        for (int i = 0; i < ascii.length(); i++) {
            bits = (bits << 8) | (ascii.charAt(i) & 0xff);
            bitCount += 8;
            while (bitCount >= 6) {
                bitCount -= 6;
                out.append(ALPHABET[(bits >> bitCount) & 0x3f]);
            }
            bits &= (1 << bitCount) - 1;
        }
        if (bitCount > 0) {
            out.append(ALPHABET[(bits << (6 - bitCount)) & 0x3f]);
        }
        return out.toString();
    }

    /** The ASCII text of canonical base64url; empty when it is not canonical or a byte is not ASCII. */
    public static Optional<String> decodeAscii(String text) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Optional<byte[]> bytes = decode(text);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder(bytes.get().length);
        for (byte b : bytes.get()) {
            if (b < 0) {
                return Optional.empty();
            }
            out.append((char) b);
        }
        return Optional.of(out.toString());
    }

    private static int sextet(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        if (c == '-') {
            return 62;
        }
        if (c == '_') {
            return 63;
        }
        return -1;
    }
}
