package site.paywall.edge.core;

import java.util.Optional;
import site.paywall.edge.core.config.Access;
import site.paywall.edge.core.config.AccessRule;
import site.paywall.edge.core.config.EdgeConfig;
import site.paywall.edge.core.request.CanonicalPath;
import site.paywall.edge.core.request.Credential;
import site.paywall.edge.core.request.Credentials;
import site.paywall.edge.core.request.EventRead;
import site.paywall.edge.core.request.EventReader;
import site.paywall.edge.core.request.HeaderValues;
import site.paywall.edge.core.request.PathCheck;
import site.paywall.edge.core.request.ViewerRequest;
import site.paywall.edge.core.token.Identity;
import site.paywall.edge.core.token.TokenVerifier;
import site.paywall.edge.core.token.Verification;

/**
 * The pure decision: event in, {@link Decision} out. Order: event shape, canonical path, first matching rule,
 * credentials, token, rule. Nothing here depends on the runtime beyond the clock read through {@link Platform}.
 */
public final class Authorizer {

    private final EdgeConfig config;
    private final TokenVerifier verifier;
    private final Platform platform;

    public Authorizer(EdgeConfig config, TokenVerifier verifier, Platform platform) {
        this.config = config;
        this.verifier = verifier;
        this.platform = platform;
    }

    public Decision decide(Json event) {
        EventRead read = EventReader.read(event);
        if (read instanceof EventRead.Malformed malformed) {
            return new Decision.Deny(Denial.MALFORMED_EVENT, malformed.requestId(), "", "", malformed.reason(), "",
                    Optional.empty(), false);
        }
        ViewerRequest request = ((EventRead.Ok) read).request();
        // Read (and shape-check) the credential headers on every path: a forward strips them, so they must be sane.
        Credential credential = Credentials.find(request.headers(), config.tokenCookies());
        if (credential instanceof Credential.Malformed malformed) {
            return deny(request, Denial.MALFORMED_EVENT, "", malformed.reason(), "", Optional.empty());
        }
        PathCheck path = CanonicalPath.check(request.uri());
        if (path instanceof PathCheck.NotCanonical notCanonical) {
            return deny(request, Denial.NOT_CANONICAL, "", notCanonical.reason(), "", Optional.empty());
        }
        Optional<AccessRule> rule = config.rules().firstMatch(((PathCheck.Canonical) path).path());
        if (rule.isEmpty()) {
            return deny(request, Denial.NO_RULE, "", "no rule matches the path", "", Optional.empty());
        }
        String pattern = rule.get().path().text();
        Access access = rule.get().allow();
        if (access instanceof Access.Public) {
            return new Decision.Forward(request, pattern, "public path", "", Optional.empty());
        }
        if (credential instanceof Credential.None) {
            return deny(request, Denial.NO_TOKEN, pattern, "no token presented", "", Optional.empty());
        }
        if (credential instanceof Credential.Unusable unusable) {
            return deny(request, Denial.INVALID_TOKEN, pattern, unusable.reason(), "", Optional.empty());
        }
        Credential.Presented presented = (Credential.Presented) credential;
        Verification verification = verifier.verify(presented.token(), platform.nowMillis());
        if (verification instanceof Verification.Rejected rejected) {
            return deny(request, Denial.INVALID_TOKEN, pattern, rejected.reason(), presented.source(),
                    Optional.empty());
        }
        Identity identity = ((Verification.Verified) verification).identity();
        Optional<String> sub = Optional.of(identity.sub());
        if (access instanceof Access.MemberOfAny groups && !groups.admits(identity.groups())) {
            return deny(request, Denial.NOT_ALLOWED, pattern, "not a member of an allowed group", presented.source(),
                    sub);
        }
        return new Decision.Forward(request, pattern, "token admitted", presented.source(), sub);
    }

    private static Decision deny(ViewerRequest request, Denial denial, String rule, String reason, String tokenFrom,
                                 Optional<String> sub) {
        return new Decision.Deny(denial, request.requestId(), request.uri(), rule, reason, tokenFrom, sub,
                acceptsHtml(request));
    }

    /** Browsers ask for text/html; API clients and download tools get the short JSON body. */
    private static boolean acceptsHtml(ViewerRequest request) {
        HeaderValues accept = HeaderValues.of(request.headers(), "accept");
        if (accept instanceof HeaderValues.Values values) {
            for (String value : values.values()) {
                if (value.contains("text/html")) {
                    return true;
                }
            }
        }
        return false;
    }
}
