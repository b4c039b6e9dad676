package site.paywall.edge.bundle;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;

/**
 * What {@link NodePlatform#readClaims}'s one JS call reads out of a payload whose claims all have their expected
 * shape (see TypedClaims): the optional strings are null when absent or not strings.
 */
interface ClaimsView extends JSObject {

    @JSProperty
    String getIss();

    @JSProperty
    String getTokenUse();

    @JSProperty
    String getAud();

    @JSProperty
    String getClientId();

    @JSProperty
    String getSub();

    @JSProperty
    double getExp();

    @JSProperty
    double getIat();

    @JSProperty
    double getNbf();

    @JSProperty
    JSObject getGroups();

    @JSProperty
    String getCognitoUsername();

    @JSProperty
    String getUsername();

    @JSProperty
    String getEmail();
}
