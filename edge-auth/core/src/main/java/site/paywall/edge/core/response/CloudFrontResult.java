package site.paywall.edge.core.response;

import java.util.List;
import java.util.Optional;
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
    private final Optional<String> folderIndex;
    private final ErrorPages pages;
    /** Each (denial, html) response is built on first use, then handed out frozen: ~30 seam calls saved per denial. */
    private final Json[] denials = new Json[Denial.values().length * 2];

    public CloudFrontResult(Platform platform, List<String> tokenCookies, Optional<String> folderIndex,
                            ErrorPages pages) {
        this.platform = platform;
        this.tokenCookies = tokenCookies;
        this.folderIndex = folderIndex;
        this.pages = pages;
    }

    /** The result of a decision; {@link Decision.NeedsCall} is never rendered (the handler performs it first). */
    public Json render(Decision decision) {
        if (decision instanceof Decision.Forward forward) {
            return ForwardedRequest.of(forward.request(), tokenCookies, folderIndex, platform);
        }
        if (decision instanceof Decision.Respond respond) {
            return response(respond.response());
        }
        Decision.Deny deny = (Decision.Deny) decision;
        return response(deny.denial(), deny.acceptsHtml());
    }

    /** A response of the sign-in flow, with the headers every edge answer carries. */
    public Json response(EdgeResponse response) {
        Json headers = platform.newObject();
        header(headers, "cache-control", "Cache-Control", "no-store");
        header(headers, "x-content-type-options", "X-Content-Type-Options", "nosniff");
        for (EdgeResponse.Header header : response.headers()) {
            String lowercase = asciiLowerCase(header.name());
            Json entry = platform.newObject().put("key", platform.string(header.name()))
                    .put("value", platform.string(header.value()));
            Optional<Json> existing = headers.get(lowercase);
            if (existing.isPresent()) {
                existing.get().add(entry);
            } else {
                headers.put(lowercase, platform.newArray().add(entry));
            }
        }
        Json result = platform.newObject()
                .put("status", platform.string(String.valueOf(response.status())))
                .put("statusDescription", platform.string(response.statusDescription()))
                .put("headers", headers);
        // A body on a 204 or a redirect is not sent at all: CloudFront answers 502 to a 204 that has one.
        response.body().ifPresent(body -> result.put("bodyEncoding", platform.string("text"))
                .put("body", platform.string(body)));
        return result;
    }

    private static String asciiLowerCase(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            out.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return out.toString();
    }

    /** The answer to a denial; the same frozen object every time for the same denial and kind of body. */
    public Json response(Denial denial, boolean html) {
        int slot = denial.ordinal() * 2 + (html ? 1 : 0);
        Json built = denials[slot];
        if (built == null) {
            // Built lazily: a platform that cannot build even this fails on the request, as before (the runtime's
            // adapter then answers 500), not when the handler is made.
            built = platform.freeze(build(denial, html));
            denials[slot] = built;
        }
        return built;
    }

    private Json build(Denial denial, boolean html) {
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
