package site.paywall.edge.core;

import java.util.Optional;
import site.paywall.edge.core.request.ViewerRequest;

/**
 * What the authorizer decided for one request, with what the decision log records about it. Log fields are plain
 * values (rule pattern, where the token came from, a fixed reason phrase) so deciding builds no strings.
 */
public sealed interface Decision permits Decision.Forward, Decision.Deny {

    String requestId();

    String path();

    /** The matching rule's pattern; empty when no rule was reached. */
    String rule();

    /** Why, for the log only, never the viewer: names a check, never a value. */
    String reason();

    /** "authorization" or the token cookie's name; empty when no token was used. */
    String tokenFrom();

    /** The verified token's subject, when a token was verified. */
    Optional<String> sub();

    /** Send the request on to the cache and the origin (without the viewer's token). */
    record Forward(ViewerRequest request, String rule, String reason, String tokenFrom, Optional<String> sub)
            implements Decision {
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
    record Deny(Denial denial, String requestId, String path, String rule, String reason, String tokenFrom,
                Optional<String> sub, boolean acceptsHtml) implements Decision { }
}
