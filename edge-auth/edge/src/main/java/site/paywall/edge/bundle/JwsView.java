package site.paywall.edge.bundle;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;

/** What {@link NodePlatform#readJws}'s one JS call reads out of an ordinary compact JWS. */
interface JwsView extends JSObject {

    @JSProperty
    String getKid();

    @JSProperty
    String getSigningInput();

    @JSProperty
    String getPayload();

    @JSProperty
    String getSignature();
}
