package site.paywall.edge.core.request;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the viewer's token: {@code Authorization: Bearer <jwt>} first (scheme case-insensitive), then the token
 * cookies in configured order. The first source present is the one used; a later source never rescues an
 * unusable earlier one.
 */
public final class Credentials {

    /** The source of a bearer token in the log: a place, never a value. */
    public static final String AUTHORIZATION = "authorization";

    private static final Credential NONE = new Credential.None();

    private Credentials() { }

    public static Credential find(ViewerRequest request, List<String> tokenCookies) {
        // Both headers are shape-checked before either is used: a forward edits them, so they must be sane even
        // when the other one decides.
        HeaderValues authorization = request.authorization();
        if (authorization instanceof HeaderValues.Malformed malformed) {
            return new Credential.Malformed(malformed.reason());
        }
        HeaderValues cookie = request.cookie();
        if (cookie instanceof HeaderValues.Malformed malformed) {
            return new Credential.Malformed(malformed.reason());
        }
        List<String> authValues = ((HeaderValues.Values) authorization).values();
        if (authValues.size() > 1) {
            return new Credential.Unusable("several Authorization headers");
        }
        if (authValues.size() == 1) {
            Credential bearer = bearer(authValues.get(0));
            if (!(bearer instanceof Credential.None)) {
                return bearer;
            }
        }
        List<String> cookieValues = ((HeaderValues.Values) cookie).values();
        if (cookieValues.isEmpty()) {
            return NONE;
        }
        for (int i = 0; i < tokenCookies.size(); i++) {
            Credential found = cookieToken(cookieValues, tokenCookies.get(i));
            if (!(found instanceof Credential.None)) {
                return found;
            }
        }
        return NONE;
    }

    /** A bearer token, or None for another scheme (Basic…), which is not ours to judge. */
    private static Credential bearer(String value) {
        int space = value.indexOf(' ');
        String scheme = space < 0 ? value : value.substring(0, space);
        if (!isBearerScheme(scheme)) {
            return NONE;
        }
        String token = space < 0 ? "" : value.substring(space + 1).trim();
        if (token.isEmpty()) {
            return new Credential.Unusable("Authorization: Bearer without a token");
        }
        return new Credential.Presented(token, AUTHORIZATION);
    }

    /**
     * "bearer" in any letter case, compared as ASCII: String.equalsIgnoreCase would load TeaVM's Unicode case
     * tables on the first request (~7 ms of cold start), and an HTTP auth scheme is ASCII anyway.
     */
    private static boolean isBearerScheme(String scheme) {
        String bearer = "bearer";
        if (scheme.length() != bearer.length()) {
            return false;
        }
        for (int i = 0; i < bearer.length(); i++) {
            char c = scheme.charAt(i);
            char lower = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
            if (lower != bearer.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static Credential cookieToken(List<String> cookieHeaders, String name) {
        List<String> values = new ArrayList<>(2);
        for (int i = 0; i < cookieHeaders.size(); i++) {
            CookieHeader.valuesOf(cookieHeaders.get(i), name, values);
        }
        String found = "";
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (value.isEmpty()) {
                continue;
            }
            if (!found.isEmpty() && !found.equals(value)) {
                return new Credential.Unusable("cookie " + name + " sent several times with different values");
            }
            found = value;
        }
        return found.isEmpty() ? NONE : new Credential.Presented(found, name);
    }
}
