package site.paywall.edge.core.signin;

import java.util.Optional;
import site.paywall.edge.core.request.HeaderValues;
import site.paywall.edge.core.request.HostNames;
import site.paywall.edge.core.request.ViewerRequest;

/**
 * The site's origin as the viewer addressed it: {@code https://<Host>}, or {@code http://} for localhost (a local
 * run). Cognito accepts only the callback and sign-out URLs registered on the app client, so a forged Host header
 * can at worst make Cognito refuse the sign-in; it never redirects anywhere unregistered.
 */
public final class SiteOrigin {

    private SiteOrigin() { }

    /** Empty when the request has no single, well-formed Host header. */
    public static Optional<String> of(ViewerRequest request) {
        HeaderValues host = HeaderValues.of(request.headers(), "host");
        if (!(host instanceof HeaderValues.Values values) || values.values().size() != 1) {
            return Optional.empty();
        }
        String name = values.values().get(0);
        if (!HostNames.isHostAndPort(name)) {
            return Optional.empty();
        }
        return Optional.of((HostNames.isLoopback(name) ? "http://" : "https://") + HostNames.asciiLowerCase(name));
    }
}
