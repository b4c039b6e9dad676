package site.paywall.edge.core.encoding;

import java.util.Optional;

/**
 * Strict UTF-8 decoding (no overlong forms, no surrogates, nothing above U+10FFFF). Written out because the JVM's
 * and TeaVM's decoders both replace bad bytes with U+FFFD, and a path must never be guessed at.
 */
public final class Utf8 {

    private Utf8() { }

    /** The text of {@code bytes[0..count)}, empty when they are not valid UTF-8. */
    public static Optional<String> decodeStrict(byte[] bytes, int count) {
        StringBuilder out = new StringBuilder(count);
        int i = 0;
        while (i < count) {
            int b0 = bytes[i] & 0xff;
            int needed;
            int codePoint;
            int min;
            if (b0 < 0x80) {
                out.append((char) b0);
                i++;
                continue;
            } else if (b0 >= 0xc2 && b0 <= 0xdf) {
                needed = 1;
                codePoint = b0 & 0x1f;
                min = 0x80;
            } else if (b0 >= 0xe0 && b0 <= 0xef) {
                needed = 2;
                codePoint = b0 & 0x0f;
                min = 0x800;
            } else if (b0 >= 0xf0 && b0 <= 0xf4) {
                needed = 3;
                codePoint = b0 & 0x07;
                min = 0x10000;
            } else {
                return Optional.empty();
            }
            if (i + needed >= count) {
                return Optional.empty();
            }
            for (int k = 1; k <= needed; k++) {
                int b = bytes[i + k] & 0xff;
                if ((b & 0xc0) != 0x80) {
                    return Optional.empty();
                }
                codePoint = (codePoint << 6) | (b & 0x3f);
            }
            if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) {
                return Optional.empty();
            }
            out.appendCodePoint(codePoint);
            i += needed + 1;
        }
        return Optional.of(out.toString());
    }
}
