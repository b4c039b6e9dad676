package site.paywall.edge.core.request;

import site.paywall.edge.core.Json;

/**
 * The parts of a CloudFront viewer-request event the authorizer reads. {@code request} is the event's own
 * {@code Records[0].cf.request} object: forwarding returns it (edited), so fields we do not model pass through.
 */
public record ViewerRequest(String requestId, String uri, Json headers, Json request) { }
