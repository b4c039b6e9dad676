package site.paywall.edge.core;

import site.paywall.edge.core.request.ViewerRequest;
import site.paywall.edge.core.response.EdgeResponse;
import site.paywall.edge.core.signin.CognitoCall;

/** What the authorizer decided for one request, with what the decision log records about it ({@link Trace}). */
public sealed interface Decision permits Decision.Forward, Decision.Deny, Decision.Respond, Decision.NeedsCall {

    Trace trace();

    /** Send the request on to the cache and the origin (without the viewer's token). */
    record Forward(ViewerRequest request, Trace trace) implements Decision { }

    /** Refuse at the edge with a status page. {@code acceptsHtml}: the viewer asked for a page rather than data. */
    record Deny(Denial denial, Trace trace, boolean acceptsHtml) implements Decision { }

    /** Answer at the edge with a response of the sign-in flow: a redirect, a page, JSON, with its cookies. */
    record Respond(EdgeResponse response, Trace trace) implements Decision { }

    /**
     * The step needs Cognito's answer first: the runtime performs {@code call} and hands the answer back with the
     * same event ({@link EdgeHandler#resume}). Never rendered and never logged: the resumed decision is.
     */
    record NeedsCall(CognitoCall call, Trace trace) implements Decision { }
}
