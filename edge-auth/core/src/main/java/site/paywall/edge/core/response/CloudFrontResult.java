package site.paywall.edge.core.response;

import java.util.List;
import site.paywall.edge.core.Decision;
import site.paywall.edge.core.Denial;
import site.paywall.edge.core.Json;
import site.paywall.edge.core.Platform;

/**
 * Builds what the handler returns to CloudFront: the request to forward (minus the viewer's token), or a
 * generated response — status as a string, lowercase header names, {@code Cache-Control: no-store}, an HTML body
 * for browsers and a short JSON body otherwise.
 */
public final class CloudFrontResult {

    private final Platform platform;
    private final List<String> tokenCookies;
    private final ErrorPages pages;

    public CloudFrontResult(Platform platform, List<String> tokenCookies, ErrorPages pages) {
        this.platform = platform;
        this.tokenCookies = tokenCookies;
        this.pages = pages;
    }

    public Json render(Decision decision) {
        if (decision instanceof Decision.Forward forward) {
            return ForwardedRequest.withoutCredentials(forward.request(), tokenCookies, platform);
        }
        Decision.Deny deny = (Decision.Deny) decision;
        return response(deny.denial(), deny.acceptsHtml());
    }

    public Json response(Denial denial, boolean html) {
        Json headers = platform.newObject();
        header(headers, "cache-control", "Cache-Control", "no-store");
        header(headers, "x-content-type-options", "X-Content-Type-Options", "nosniff");
        String body;
        if (html) {
            header(headers, "content-type", "Content-Type", "text/html; charset=utf-8");
            body = pages.html(denial);
        } else {
            header(headers, "content-type", "Content-Type", "application/json");
            body = platform.stringify(platform.newObject()
                    .put("error", platform.string(denial.errorCode()))
                    .put("message", platform.string(denial.message())));
        }
        String challenge = challenge(denial);
        if (!challenge.isEmpty()) {
            header(headers, "www-authenticate", "WWW-Authenticate", challenge);
        }
        return platform.newObject()
                .put("status", platform.string(denial.statusText()))
                .put("statusDescription", platform.string(denial.statusDescription()))
                .put("headers", headers)
                .put("bodyEncoding", platform.string("text"))
                .put("body", platform.string(body));
    }

    /** RFC 6750 §3: a bare challenge when no token came, {@code invalid_token} when one did not verify. */
    private static String challenge(Denial denial) {
        switch (denial) {
            case NO_TOKEN:
                return "Bearer";
            case INVALID_TOKEN:
                return "Bearer error=\"invalid_token\"";
            case NOT_ALLOWED:
                return "Bearer error=\"insufficient_scope\"";
            default:
                return "";
        }
    }

    /** CloudFront's header shape: lowercase name → [{key, value}]. */
    private void header(Json headers, String lowercaseName, String name, String value) {
        headers.put(lowercaseName, platform.newArray().add(platform.newObject()
                .put("key", platform.string(name))
                .put("value", platform.string(value))));
    }
}
