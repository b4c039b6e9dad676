package site.paywall.edge.bundle;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;

/** What {@link NodePlatform#readEvent}'s one JS call reads out of an ordinary viewer-request event. */
interface EventView extends JSObject {

    @JSProperty
    String getRequestId();

    @JSProperty
    String getUri();

    @JSProperty
    JSObject getHeaders();

    @JSProperty
    JSObject getRequest();

    /** The Authorization header's values: [] when absent, null when not a list of {key, value: string}. */
    @JSProperty
    JSObject getAuthorization();

    /** The Cookie header's values, the same way. */
    @JSProperty
    JSObject getCookie();
}
