package site.paywall.edge.core.response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import site.paywall.edge.core.Denial;
import site.paywall.edge.core.Json;
import site.paywall.edge.core.testing.TestPlatform;

class CloudFrontResultTest {

    private final TestPlatform platform = new TestPlatform(0);
    private final CloudFrontResult results = new CloudFrontResult(platform, List.of("id_token"),
            Optional.of("index.html"), new ErrorPages(Map.of(401, "<p>sign in</p>")));

    @Test
    void aDenialIsBuiltOnceAndHandedOutAgain() {
        Json first = results.response(Denial.NO_TOKEN, false);
        assertSame(first, results.response(Denial.NO_TOKEN, false));
        assertEquals("401", first.string("status").orElseThrow());
        assertEquals("{\"error\":\"unauthorized\",\"message\":\"Sign-in required.\"}",
                first.string("body").orElseThrow());
    }

    @Test
    void thePageAndTheJsonAnswerToOneDenialAreTwoResponses() {
        Json html = results.response(Denial.NO_TOKEN, true);
        assertNotSame(html, results.response(Denial.NO_TOKEN, false));
        assertEquals("<p>sign in</p>", html.string("body").orElseThrow());
        assertNotSame(html, results.response(Denial.INVALID_TOKEN, true));
        assertEquals("Bearer error=\"invalid_token\"", results.response(Denial.INVALID_TOKEN, true)
                .get("headers").orElseThrow().get("www-authenticate").orElseThrow().at(0).string("value")
                .orElseThrow());
    }
}
