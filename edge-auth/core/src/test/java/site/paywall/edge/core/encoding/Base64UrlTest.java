package site.paywall.edge.core.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Base64UrlTest {

    @Test
    void decodesLikeTheJdkForEveryLength() {
        Random random = new Random(42);
        for (int length = 0; length < 200; length++) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            String text = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            if (length == 0) {
                assertFalse(Base64Url.decode(text).isPresent(), "empty text is not a segment");
            } else {
                assertArrayEquals(bytes, Base64Url.decode(text).orElseThrow(), "length " + length);
            }
        }
    }

    @Test
    void refusesWhatLenientDecodersWouldAcceptAndSecondSpellings() {
        assertFalse(Base64Url.isCanonical("%%%"));
        assertFalse(Base64Url.isCanonical("abc="));
        assertFalse(Base64Url.isCanonical("ab+/"));
        assertFalse(Base64Url.isCanonical("ab cd"));
        assertFalse(Base64Url.isCanonical("abcde"), "length 5 (mod 4 = 1) cannot be base64");
        assertFalse(Base64Url.isCanonical(""));
        assertTrue(Base64Url.isCanonical("eyJhbGciOiJSUzI1NiJ9"));
        assertTrue(Base64Url.isCanonical("a-_b"));
        assertTrue(Base64Url.isCanonical("QQ"), "0x41, unused bits zero");
        assertFalse(Base64Url.isCanonical("QR"), "also decodes to 0x41: a second spelling of the same byte");
        assertTrue(Base64Url.isCanonical("QUI"));
        assertFalse(Base64Url.isCanonical("QUJ"), "also decodes to 0x41 0x42");
    }
}
