package site.paywall.edge.core.token;

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
    void refusesWhatLenientDecodersWouldAccept() {
        assertFalse(Base64Url.isCanonicalAlphabet("%%%"));
        assertFalse(Base64Url.isCanonicalAlphabet("abc="));
        assertFalse(Base64Url.isCanonicalAlphabet("ab+/"));
        assertFalse(Base64Url.isCanonicalAlphabet("ab cd"));
        assertFalse(Base64Url.isCanonicalAlphabet("abcde"), "length 5 (mod 4 = 1) cannot be base64");
        assertFalse(Base64Url.isCanonicalAlphabet(""));
        assertTrue(Base64Url.isCanonicalAlphabet("eyJhbGciOiJSUzI1NiJ9"));
        assertTrue(Base64Url.isCanonicalAlphabet("a-_b"));
    }
}
