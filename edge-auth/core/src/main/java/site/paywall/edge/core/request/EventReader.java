package site.paywall.edge.core.request;

import java.util.Optional;
import site.paywall.edge.core.Json;

/**
 * Reads {@code Records[0].cf} of a Lambda@Edge event. CloudFront always sends this shape; anything else means the
 * function is wired wrongly (another event type) or the event was forged, and is refused.
 */
public final class EventReader {

    private EventReader() { }

    /** The reference reading of an event; {@link site.paywall.edge.core.Platform#readEvent} must agree with it. */
    public static EventRead read(Json event) {
        if (!event.isObject()) {
            return malformed("event is not an object", "");
        }
        Optional<Json> records = event.get("Records");
        if (records.isEmpty() || !records.get().isArray() || records.get().length() != 1) {
            return malformed("event.Records must be an array of exactly one record", "");
        }
        Json record = records.get().at(0);
        Optional<Json> cf = record.isObject() ? record.get("cf") : Optional.empty();
        if (cf.isEmpty() || !cf.get().isObject()) {
            return malformed("Records[0].cf is missing or not an object", "");
        }
        Optional<Json> config = cf.get().get("config");
        if (config.isEmpty() || !config.get().isObject()) {
            return malformed("cf.config is missing or not an object", "");
        }
        String requestId = config.get().string("requestId").orElse("");
        Optional<Json> eventType = config.get().get("eventType");
        if (eventType.isPresent() && !(eventType.get().isString()
                && eventType.get().stringValue().equals("viewer-request"))) {
            return malformed("cf.config.eventType is not \"viewer-request\": the function must be associated as a"
                    + " viewer-request trigger", requestId);
        }
        Optional<Json> request = cf.get().get("request");
        if (request.isEmpty() || !request.get().isObject()) {
            return malformed("cf.request is missing or not an object", requestId);
        }
        Optional<String> uri = request.get().string("uri");
        if (uri.isEmpty()) {
            return malformed("cf.request.uri is missing or not a string", requestId);
        }
        Optional<Json> headers = request.get().get("headers");
        if (headers.isEmpty() || !headers.get().isObject()) {
            return malformed("cf.request.headers is missing or not an object", requestId);
        }
        // The method and querystring are not checked here: ViewerRequest reads them when a decision needs them.
        return new EventRead.Ok(new ViewerRequest(requestId, uri.get(), headers.get(), request.get(),
                HeaderValues.of(headers.get(), "authorization"), HeaderValues.of(headers.get(), "cookie")));
    }

    private static EventRead malformed(String reason, String requestId) {
        return new EventRead.Malformed(reason, requestId);
    }
}
