package site.paywall.edge.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathPatternTest {

    @ParameterizedTest(name = "{0} matches {1}")
    @CsvSource({
        "/premium/*, /premium/report.pdf",
        "/premium/*, /premium/",
        "/premium/*, /premium/a/b/c.pdf",
        "/*, /",
        "/*, /index.html",
        "/downloads/*.pdf, /downloads/2026/q1.pdf",
        "/img/?.png, /img/a.png",
        "/a*b*c, /aXXbYYc",
        "/a*b*c, /abc",
        "/, /",
        "*, /anything/at/all",
        // A "*" in the path where the pattern has its star is matched by the star, not as a literal that then
        // leaves no star to take the rest (which let /premium/*x fall through to a public rule).
        "/premium/*, /premium/*secret.pdf",
        "/premium/*, /premium/*",
        "/premium/*, /premium/**",
        "/downloads/*.pdf, /downloads/*.pdf",
        "/downloads/*.pdf, /downloads/*x/y.pdf",
        "/a*b*c, /a*b*c*c",
        "/img/?.png, /img/*.png",
    })
    void matches(String pattern, String path) {
        assertTrue(new PathPattern(pattern).matches(path));
    }

    @ParameterizedTest(name = "{0} does not match {1}")
    @CsvSource({
        "/premium/*, /premium",
        "/premium/*, /Premium/report.pdf",
        "/premium/*, /premiumx/report.pdf",
        "/downloads/*.pdf, /downloads/q1.pdf.exe",
        "/img/?.png, /img/ab.png",
        "/img/?.png, /img/.png",
        "/, /index.html",
        "/a*b*c, /aXXbYY",
    })
    void doesNotMatch(String pattern, String path) {
        assertFalse(new PathPattern(pattern).matches(path));
    }

    @Test
    void manyStarsStayFast() {
        // Backtracking on the last star only: a hostile-looking pattern still answers at once.
        String path = "/" + "a".repeat(5000);
        assertFalse(new PathPattern("/*a*a*a*a*a*a*a*a*a*b").matches(path));
    }

    @ParameterizedTest(name = "\"{0}\" is refused: {1}")
    @CsvSource(delimiter = '|', value = {
        "''|is empty",
        "premium/*|must start with",
        "/premium//*|empty segment",
        "/premium/../*|dot segment",
        "/premium/./*|dot segment",
        "/premium/..|dot segment",
        "/pre\\mium/*|contains",
        "/annual%20reports/*|holds the percent-encoding \"%20\" at position 7",
        "/a/%2f*|holds the percent-encoding",
    })
    void malformedPatternsAreNamed(String pattern, String problem) {
        Optional<String> found = PathPattern.problem(pattern);
        assertTrue(found.isPresent(), "expected a problem for " + pattern);
        assertTrue(found.get().contains(problem), found.get());
    }

    @Test
    void controlCharactersAreRefused() {
        assertEquals(Optional.of("contains a control character at position 4"), PathPattern.problem("/pre\u0001*"));
    }

    @Test
    void ordinaryPatternsAreAccepted() {
        assertEquals(Optional.empty(), PathPattern.problem("/premium/*"));
        assertEquals(Optional.empty(), PathPattern.problem("/downloads/*.pdf"));
        assertEquals(Optional.empty(), PathPattern.problem("/.well-known/*"));
    }
}
