package site.paywall.edge.bundle;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSExport;
import org.teavm.jso.JSObject;
import site.paywall.edge.core.EdgeHandler;
import site.paywall.edge.core.Json;
import site.paywall.edge.core.Step;

/**
 * What the TeaVM-compiled module exports to {@code index.js}: {@code configure(configText)} once per container
 * (at cold start, from the bundled config.json), then {@code handle(event)} per request — and, when a sign-in step
 * needs Cognito, {@code resume(event, answer)} after index.js performed the call.
 */
public final class EdgeModule {

    private static final NodePlatform PLATFORM = new NodePlatform();
    private static EdgeHandler handler;

    private EdgeModule() { }

    /**
     * Reads the configuration edge-bundle validated and baked in (structural checks only: the validation code is not
     * compiled into this module); a config.json that is not that yields a handler that denies everything.
     */
    @JSExport
    public static void configure(String configText) {
        Json config = PLATFORM.parseJson(configText).orElse(PLATFORM.string("(config.json is not JSON)"));
        handler = EdgeHandler.startBundled(PLATFORM, config);
    }

    /**
     * The first pass over one viewer-request event: {@code {result}} (the request to forward, or a response) or
     * {@code {call}} (a Cognito call for index.js to perform, then {@link #resume}).
     */
    @JSExport
    public static JSObject handle(JSObject event) {
        if (handler == null) {
            configure("null");
        }
        Step step = handler.handle(new JsJson(event));
        if (step instanceof Step.Call call) {
            return callStep(NodePlatform.unwrap(call.call()));
        }
        return resultStep(NodePlatform.unwrap(((Step.Result) step).result()));
    }

    /** The second pass: the same event and index.js's answer to the call; always {@code {result}}. */
    @JSExport
    public static JSObject resume(JSObject event, JSObject answer) {
        if (handler == null) {
            configure("null");
        }
        Json result = handler.resume(new JsJson(event), new JsJson(answer));
        return resultStep(NodePlatform.unwrap(result));
    }

    @JSBody(params = "result", script = "return {result: result};")
    private static native JSObject resultStep(JSObject result);

    @JSBody(params = "call", script = "return {call: call};")
    private static native JSObject callStep(JSObject call);
}
