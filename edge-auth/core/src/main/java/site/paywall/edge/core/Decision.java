package site.paywall.edge.core;

import java.util.Optional;
import site.paywall.edge.core.request.ViewerRequest;

/** What the authorizer decided for one request. {@code reason} is for the log only, never the viewer. */
public sealed interface Decision permits Decision.Forward, Decision.Deny {

    String requestId();

    String path();

    String reason();

    /** The verified token's subject, when a token was verified. */
    Optional<String> sub();

    /** Send the request on to the cache and the origin (without the viewer's token). */
    record Forward(ViewerRequest request, String reason, Optional<String> sub) implements Decision {
        @Override
        public String requestId() {
            return request.requestId();
        }

        @Override
        public String path() {
            return request.uri();
        }
    }

    /** Answer at the edge. {@code acceptsHtml}: the viewer asked for a page rather than data. */
    record Deny(Denial denial, String requestId, String path, String reason, Optional<String> sub,
                boolean acceptsHtml) implements Decision { }
}
