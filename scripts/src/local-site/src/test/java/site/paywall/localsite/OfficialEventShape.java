package site.paywall.localsite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.CloudFrontEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;

/**
 * The gateway's events against AWS's Java model of them (aws-lambda-java-events {@link CloudFrontEvent}): each
 * parses, and what the model holds — uri, method, client IP, every header entry — reads back unchanged. The model
 * has no query string or body, so it is only a check; the bundle gets the event as JSON.
 */
final class OfficialEventShape {
    private static final ObjectMapper OFFICIAL = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private OfficialEventShape() { }

    static void assertMatches(JsonNode event) throws JsonProcessingException {
        CloudFrontEvent parsed = OFFICIAL.treeToValue(event, CloudFrontEvent.class);
        String where = event.at("/Records/0/cf/request/uri").asText();
        assertEquals(1, parsed.getRecords().size(), where);
        CloudFrontEvent.Request request = parsed.getRecords().get(0).getCf().getRequest();
        JsonNode raw = event.at("/Records/0/cf/request");
        assertEquals(raw.path("uri").asText(), request.getUri(), where);
        assertEquals(raw.path("method").asText(), request.getMethod(), where);
        assertEquals(raw.path("clientIp").asText(), request.getClientIp(), where);
        assertEquals(raw.path("headers").size(), request.getHeaders().size(), where + ": header names");
        raw.path("headers").fields().forEachRemaining(header -> {
            List<CloudFrontEvent.Header> entries = request.getHeaders().get(header.getKey());
            assertEquals(header.getValue().size(), entries.size(), where + ": " + header.getKey());
            for (int i = 0; i < entries.size(); i++) {
                assertEquals(header.getValue().get(i).path("key").asText(), entries.get(i).getKey(), where);
                assertEquals(header.getValue().get(i).path("value").asText(), entries.get(i).getValue(), where);
            }
        });
    }
}
