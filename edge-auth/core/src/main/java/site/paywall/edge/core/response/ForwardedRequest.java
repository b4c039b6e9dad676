package site.paywall.edge.core.response;

import java.util.List;
import java.util.Optional;
import site.paywall.edge.core.Json;
import site.paywall.edge.core.Platform;
import site.paywall.edge.core.request.CookieHeader;
import site.paywall.edge.core.request.ViewerRequest;

/**
 * The request as it goes on to the origin: the event's own request object with the {@code Authorization} header
 * and the token cookies removed (other cookies keep their text), nothing added, and — with {@code folderIndex} — a
 * path ending in "/" pointed at that folder's index file, because S3 has no folders: {@code /premium/} typed by a
 * person would otherwise fetch the key {@code premium/}, which does not exist.
 */
final class ForwardedRequest {

    private ForwardedRequest() { }

    /** Edits the event's request in place; the caller has checked both headers' shape (Credentials.find). */
    static Json of(ViewerRequest request, List<String> tokenCookies, Optional<String> folderIndex,
                   Platform platform) {
        String served = FolderIndex.served(request.uri(), folderIndex);
        if (!served.equals(request.uri())) {
            // The key the rules judged (Authorizer): the index is what the folder's request fetches.
            request.request().put("uri", platform.string(served));
        }
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
