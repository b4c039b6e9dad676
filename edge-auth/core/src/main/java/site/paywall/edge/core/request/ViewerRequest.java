package site.paywall.edge.core.request;

import site.paywall.edge.core.Json;

/**
 * The parts of a CloudFront viewer-request event the authorizer reads. {@code request} is the event's own
 * {@code Records[0].cf.request} object: forwarding returns it (edited), so fields we do not model pass through.
 * {@code method} and {@code querystring} are "" when the event lacks them (the sign-in flow refuses such requests).
 * The two credential headers are read with the event ({@link HeaderValues#of}); their shape is judged on every
 * path, right after the event's own ({@link Credentials#find}), because a forward edits them.
 */
public record ViewerRequest(String requestId, String uri, String method, String querystring, Json headers,
                            Json request, HeaderValues authorization, HeaderValues cookie) { }
