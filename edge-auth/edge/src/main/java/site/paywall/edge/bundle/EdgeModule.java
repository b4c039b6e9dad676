package site.paywall.edge.bundle;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSExport;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSPromise;

public final class EdgeModule {
    @JSExport
    public static JSPromise<JSObject> handler(JSObject event) {
        return JSPromise.resolve(event);
    }
    @JSExport
    public static String hello(String s) { return "hi " + s + " " + now(); }

    @JSBody(script = "return Date.now();")
    static native double now();
}
