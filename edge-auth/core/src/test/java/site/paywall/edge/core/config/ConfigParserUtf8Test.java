package site.paywall.edge.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigParserUtf8Test {

    @ParameterizedTest
    @ValueSource(strings = {"", "plain ascii", "café", "€ 10", "😀 emoji", "mixed é € 😀 a", "\uDBFF\uDFFF"})
    void countsWhatTheEncoderWouldWrite(String text) {
        assertEquals(text.getBytes(StandardCharsets.UTF_8).length, ConfigParser.utf8Length(text));
    }

    @Test
    void aLoneSurrogateCountsAsTheReplacementCharacterNodeWouldWrite() {
        // Node (and any WHATWG encoder) writes U+FFFD, 3 bytes; the JDK would write "?", which would undercount.
        assertEquals(3 + 1, ConfigParser.utf8Length("\uD800a"));
        assertEquals(1 + 3, ConfigParser.utf8Length("a\uDC00"));
    }
}
