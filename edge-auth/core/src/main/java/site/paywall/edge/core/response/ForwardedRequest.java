package site.paywall.edge.core.response;

import java.util.List;
import java.util.Optional;
import site.paywall.edge.core.Json;
import site.paywall.edge.core.Platform;
import site.paywall.edge.core.request.CookieHeader;
import site.paywall.edge.core.request.ViewerRequest;

/**
 * The request as it goes on to the origin: the event's own request object with the {@code Authorization} header
 * and the token cookies removed (other cookies keep their text), and nothing added.
 */
final class ForwardedRequest {

    private ForwardedRequest() { }

    /** Edits the event's request in place; the caller has checked both headers' shape (Credentials.find). */
    static Json withoutCredentials(ViewerRequest request, List<String> tokenCookies, Platform platform) {
        Json headers = request.headers();
        headers.remove("authorization");
        Optional<Json> cookies = headers.get("cookie");
        if (cookies.isPresent()) {
            Json kept = platform.newArray();
            for (int i = 0; i < cookies.get().length(); i++) {
                Json entry = cookies.get().at(i);
                String value = entry.string("value").orElse("");
                String without = CookieHeader.without(value, tokenCookies);
                if (without.isEmpty()) {
                    continue;
                }
                if (!without.equals(value)) {
                    entry.put("value", platform.string(without));
                }
                kept.add(entry);
            }
            if (kept.length() == 0) {
                headers.remove("cookie");
            } else {
                headers.put("cookie", kept);
            }
        }
        return request.request();
    }
}
