package site.paywall.edge.bundle;

import org.teavm.jso.JSExport;
import org.teavm.jso.JSObject;
import site.paywall.edge.core.EdgeHandler;
import site.paywall.edge.core.Json;

/**
 * What the TeaVM-compiled module exports to {@code index.js}: {@code configure(configText)} once per container
 * (at cold start, from the bundled config.json), then {@code handle(event)} per request.
 */
public final class EdgeModule {

    private static final NodePlatform PLATFORM = new NodePlatform();
    private static EdgeHandler handler;

    private EdgeModule() { }

    /** Parses and validates the bundled configuration; an invalid one yields a handler that denies everything. */
    @JSExport
    public static void configure(String configText) {
        Json config = PLATFORM.parseJson(configText).orElse(PLATFORM.string("(config.json is not JSON)"));
        handler = EdgeHandler.start(PLATFORM, config);
    }

    /** The CloudFront result for one viewer-request event: the request to forward, or a response. */
    @JSExport
    public static JSObject handle(JSObject event) {
        if (handler == null) {
            configure("null");
        }
        return NodePlatform.unwrap(handler.handle(new JsJson(event)));
    }
}
