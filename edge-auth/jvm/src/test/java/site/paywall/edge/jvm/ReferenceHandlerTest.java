package site.paywall.edge.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import site.paywall.edge.jvm.engine.InvalidConfigException;

/** The RequestHandler speaks Lambda's plain maps, and decides as the core does. */
class ReferenceHandlerTest {

    private static Map<String, Object> event(String uri) {
        String json = """
                {"Records": [{"cf": {
                  "config": {"distributionDomainName": "d1.cloudfront.net", "distributionId": "E1",
                             "eventType": "viewer-request", "requestId": "r-1"},
                  "request": {"clientIp": "203.0.113.1", "method": "GET", "querystring": "", "uri": "%s",
                              "headers": {"host": [{"key": "Host", "value": "d1.cloudfront.net"}],
                                          "cookie": [{"key": "Cookie", "value": "theme=dark; id_token=x.y.z"}]}}}}]}
                """.formatted(uri);
        return JvmPlatform.STRICT_JSON.convertValue(JvmPlatform.parse(json).orElseThrow(), Map.class);
    }

    @Test
    @SuppressWarnings("unchecked")
    void forwardsAPublicRequestWithoutTheTokenCookie() {
        List<String> log = new ArrayList<>();
        ReferenceHandler handler = new ReferenceHandler(TestJwks.validConfig(), () -> 1_795_780_800_000L, log::add);
        Map<String, Object> result = handler.handleRequest(event("/index.html"), null);
        assertFalse(result.containsKey("status"), result.toString());
        Map<String, Object> headers = (Map<String, Object>) result.get("headers");
        List<Map<String, String>> cookie = (List<Map<String, String>>) headers.get("cookie");
        assertEquals("theme=dark", cookie.get(0).get("value"));
        assertEquals(List.of(), log, "the default decision log (\"denials\") writes no line for a forward");
    }

    @Test
    void answersAProtectedRequestItself() {
        ReferenceHandler handler = new ReferenceHandler(TestJwks.validConfig(), () -> 1_795_780_800_000L, l -> { });
        Map<String, Object> result = handler.handleRequest(event("/premium/report.pdf"), null);
        assertEquals("401", result.get("status"));
        assertTrue(result.get("body").toString().contains("invalid_token"), result.toString());
    }

    @Test
    void refusesAnInvalidConfigUpFront() {
        ObjectNode config = TestJwks.validConfig();
        config.remove("rules");
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> new ReferenceHandler(config, System::currentTimeMillis, l -> { }));
        assertTrue(e.problems().get(0).startsWith("rules: missing"), e.problems().toString());
    }
}
