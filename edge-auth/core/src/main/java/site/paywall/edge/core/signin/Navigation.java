package site.paywall.edge.core.signin;

import java.util.List;
import site.paywall.edge.core.request.HeaderValues;
import site.paywall.edge.core.request.ViewerRequest;

/**
 * Whether a request is a person opening a page — the only kind of request sent to sign in. Browsers say so with
 * {@code Sec-Fetch-Mode: navigate} and {@code Sec-Fetch-Dest: document}; one that sends no {@code Sec-Fetch-*} at
 * all is taken at its {@code Accept: text/html}. Everything else (fetch/XHR, images, favicon, iframes, HEAD, API
 * clients) gets a 401 it can handle, never a redirect into the hosted UI, which a script could not follow (CORS).
 */
public final class Navigation {

    private static final List<String> FETCH_METADATA = List.of("sec-fetch-mode", "sec-fetch-dest", "sec-fetch-site",
            "sec-fetch-user");

    private Navigation() { }

    public static boolean isTopLevel(ViewerRequest request) {
        if (!request.method().equals("GET")) {
            return false;
        }
        HeaderValues mode = HeaderValues.of(request.headers(), "sec-fetch-mode");
        HeaderValues dest = HeaderValues.of(request.headers(), "sec-fetch-dest");
        if (hasAnyFetchMetadata(request)) {
            return only(mode, "navigate") && only(dest, "document");
        }
        return HeaderValues.of(request.headers(), "accept").anyContains("text/html");
    }

    private static boolean hasAnyFetchMetadata(ViewerRequest request) {
        for (String name : FETCH_METADATA) {
            if (request.headers().get(name).isPresent()) {
                return true;
            }
        }
        return false;
    }

    private static boolean only(HeaderValues header, String expected) {
        return header instanceof HeaderValues.Values values && values.values().size() == 1
                && values.values().get(0).equals(expected);
    }
}
