package site.paywall.edge.core.request;

import site.paywall.edge.core.Json;

/**
 * The parts of a CloudFront viewer-request event the authorizer reads. {@code request} is the event's own
 * {@code Records[0].cf.request} object: forwarding returns it (edited), so fields we do not model pass through.
 * The two credential headers are read with the event ({@link HeaderValues#of}); their shape is judged on every
 * path, right after the event's own ({@link Credentials#find}), because a forward edits them.
 */
public record ViewerRequest(String requestId, String uri, Json headers, Json request, HeaderValues authorization,
                            HeaderValues cookie) {

    /**
     * The request's method, "" when the event lacks it or it is not a string (the sign-in flow refuses such
     * requests). Read when asked, not with the event: only the sign-in flow needs it, and on the bundle reading it
     * up front cost every 401 about a tenth of its time (measured).
     */
    public String method() {
        return request.string("method").orElse("");
    }

    /** The query string, "" when the event lacks it or it is not a string; read when asked, like {@link #method}. */
    public String querystring() {
        return request.string("querystring").orElse("");
    }
}
