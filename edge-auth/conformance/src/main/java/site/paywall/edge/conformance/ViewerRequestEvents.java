package site.paywall.edge.conformance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import site.paywall.edge.jvm.JvmPlatform;

/** CloudFront viewer-request events in the shape Lambda@Edge delivers them. */
public final class ViewerRequestEvents {

    private ViewerRequestEvents() { }

    /** An event for {@code GET uri} with a Host and a User-Agent header; add headers with {@link #header}. */
    public static ObjectNode get(String uri) {
        ObjectNode event = JvmPlatform.STRICT_JSON.createObjectNode();
        ObjectNode cf = event.putArray("Records").addObject().putObject("cf");
        ObjectNode config = cf.putObject("config");
        config.put("distributionDomainName", "d111111abcdef8.cloudfront.net");
        config.put("distributionId", "EDFDVBD6EXAMPLE");
        config.put("eventType", "viewer-request");
        config.put("requestId", "4TyzHTaYWb1GX1qTfsHhEqV6HUDd_BzoBZnwfnvQc_1oF26ClkoUSEQ==");
        ObjectNode request = cf.putObject("request");
        request.put("clientIp", "203.0.113.178");
        ObjectNode headers = request.putObject("headers");
        request.put("method", "GET");
        request.put("querystring", "");
        request.put("uri", uri);
        header(event, "Host", "d111111abcdef8.cloudfront.net");
        header(event, "User-Agent", "curl/8.4.0");
        return event;
    }

    /** Appends one occurrence of a header (CloudFront's shape: lowercase name → list of {key, value}). */
    public static ObjectNode header(ObjectNode event, String name, String value) {
        ObjectNode headers = (ObjectNode) request(event).get("headers");
        ArrayNode entries = headers.has(name.toLowerCase()) ? (ArrayNode) headers.get(name.toLowerCase())
                : headers.putArray(name.toLowerCase());
        entries.addObject().put("key", name).put("value", value);
        return event;
    }

    public static ObjectNode request(ObjectNode event) {
        return (ObjectNode) event.get("Records").get(0).get("cf").get("request");
    }
}
