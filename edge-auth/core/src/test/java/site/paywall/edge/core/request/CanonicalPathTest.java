package site.paywall.edge.core.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalPathTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "/|/",
        "/index.html|/index.html",
        "/premium/|/premium/",
        "/premium/annual%20report.pdf|/premium/annual report.pdf",
        "/premium/caf%C3%A9.pdf|/premium/café.pdf",
        "/premium/%F0%9F%98%80.txt|/premium/😀.txt",
        "/premium/100%25.pdf|/premium/100%.pdf",
        "/a/.hidden|/a/.hidden",
        "/a/..b|/a/..b",
        "/a/b.|/a/b.",
        "/premium/a+b.pdf|/premium/a b.pdf",
        "/premium/a%2Bb.pdf|/premium/a+b.pdf",
        "/%70remium/x|/premium/x",
    })
    void decodesWhatS3WillDecode(String uri, String key) {
        PathCheck check = CanonicalPath.check(uri);
        assertEquals(new PathCheck.Canonical(key), check);
    }

    @ParameterizedTest(name = "{0} is refused ({1})")
    @CsvSource(delimiter = '|', value = {
        "premium/x|does not start",
        "''|does not start",
        "/premium/../x|dot segment",
        "/premium/./x|dot segment",
        "/premium/..|dot segment",
        "/premium/%2e%2e/x|dot segment",
        "/premium/%2E/x|dot segment",
        "/premium/.%2e/x|dot segment",
        "//premium/x|empty path segment",
        "/premium//x|empty path segment",
        "/premium%2Fx.pdf|encoded \"/\"",
        "/premium%2fx.pdf|encoded \"/\"",
        "/premium/%5Cx|encoded \"\\\"",
        "/premium/\\x|raw \"\\\"",
        "/premium/%00x|control character",
        "/premium/%0Ax|control character",
        "/premium/%7Fx|control character",
        "/premium/%C2%85x|control character",
        "/premium/%zz|invalid percent-encoding",
        "/premium/%2|invalid percent-encoding",
        "/premium/%|invalid percent-encoding",
        "/premium/%C0%AF|not valid UTF-8",
        "/premium/%E0%80%AF|not valid UTF-8",
        "/premium/%ED%A0%80|not valid UTF-8",
        "/premium/%F4%90%80%80|not valid UTF-8",
        "/premium/%C3|not valid UTF-8",
        "/premium/%FF|not valid UTF-8",
    })
    void refusesAmbiguousUris(String uri, String reason) {
        PathCheck check = CanonicalPath.check(uri);
        PathCheck.NotCanonical refused = assertInstanceOf(PathCheck.NotCanonical.class, check);
        assertTrue(refused.reason().contains(reason), refused.reason());
    }

    @Test
    void refusesRawSpaceAndNonAscii() {
        assertInstanceOf(PathCheck.NotCanonical.class, CanonicalPath.check("/premium/a b.pdf"));
        assertInstanceOf(PathCheck.NotCanonical.class, CanonicalPath.check("/premium/café.pdf"));
        assertInstanceOf(PathCheck.NotCanonical.class, CanonicalPath.check("/premium/a\tb"));
    }

    @Test
    void refusesUrisLongerThanCloudFrontAllows() {
        String longest = "/" + "a".repeat(CanonicalPath.MAX_URI_LENGTH - 1);
        assertInstanceOf(PathCheck.Canonical.class, CanonicalPath.check(longest));
        assertInstanceOf(PathCheck.NotCanonical.class, CanonicalPath.check(longest + "a"));
    }
}
