package site.paywall.edge.core;

import java.util.Optional;
import site.paywall.edge.core.config.Access;
import site.paywall.edge.core.config.AccessRule;
import site.paywall.edge.core.config.AccessRules;
import site.paywall.edge.core.config.EdgeConfig;
import site.paywall.edge.core.request.CanonicalPath;
import site.paywall.edge.core.request.Credential;
import site.paywall.edge.core.request.Credentials;
import site.paywall.edge.core.request.EventRead;
import site.paywall.edge.core.request.PathCheck;
import site.paywall.edge.core.request.ViewerRequest;
import site.paywall.edge.core.response.FolderIndex;
import site.paywall.edge.core.signin.CallAnswer;
import site.paywall.edge.core.signin.Navigation;
import site.paywall.edge.core.signin.SignInFlow;
import site.paywall.edge.core.token.Identity;
import site.paywall.edge.core.token.RejectionCode;
import site.paywall.edge.core.token.TokenVerifier;
import site.paywall.edge.core.token.Verification;

/**
 * The pure decision: event in, {@link Decision} out. Order: event shape; the credential headers' shape (checked on
 * every path, because a forward edits them); canonical path; the sign-in flow's own paths, when configured; first
 * matching rule; credentials; token; rule. A protected navigation without a usable session goes to sign in (or, with
 * a genuine expired cookie token, to refresh) instead of a 401 when sign-in is configured. Nothing here depends on
 * the runtime beyond what {@link Platform} gives (the clock; randomness and hashing for the sign-in flow).
 */
public final class Authorizer {

    private final EdgeConfig config;
    private final TokenVerifier verifier;
    private final Platform platform;
    private final Optional<SignInFlow> signIn;

    public Authorizer(EdgeConfig config, TokenVerifier verifier, Platform platform) {
        this.config = config;
        this.verifier = verifier;
        this.platform = platform;
        this.signIn = config.signIn().map(s -> new SignInFlow(s, verifier, platform, config.clockSkewSeconds()));
    }

    /** The decision for a request seen for the first time. */
    public Decision decide(Json event) {
        return decide(event, Optional.empty());
    }

    /**
     * The decision, given Cognito's answer when an earlier pass over the same event returned
     * {@link Decision.NeedsCall}. Deciding again from the event (rather than keeping state between the two passes)
     * keeps the core stateless: any runtime can carry the event and the answer.
     */
    public Decision decide(Json event, Optional<CallAnswer> answer) {
        EventRead read = platform.readEvent(event);
        if (read instanceof EventRead.Malformed malformed) {
            return new Decision.Deny(Denial.MALFORMED_EVENT, Trace.of(malformed.requestId(), "", malformed.reason()),
                    false);
        }
        ViewerRequest request = ((EventRead.Ok) read).request();
        Credential credential = Credentials.find(request, config.tokenCookies());
        if (credential instanceof Credential.Malformed malformed) {
            return deny(request, Denial.MALFORMED_EVENT, trace(request, malformed.reason()));
        }
        PathCheck path = CanonicalPath.check(request.uri());
        if (path instanceof PathCheck.NotCanonical notCanonical) {
            return deny(request, Denial.NOT_CANONICAL, trace(request, notCanonical.reason()));
        }
        String canonical = ((PathCheck.Canonical) path).path();
        if (signIn.isPresent() && canonical.startsWith(signIn.get().pathPrefix())) {
            return signIn.get().endpoint(request, canonical, credential, answer, trace(request, ""));
        }
        // The key S3 will serve is what the rules judge: a folder is fetched as its index file, so a rule for "*.html"
        // or for the index file itself holds for the folder too (judged as asked, "/reports/" once fell through to a
        // laxer rule and fetched the index anyway).
        int match = config.rules().firstMatch(FolderIndex.served(canonical, config.folderIndex()));
        if (match == AccessRules.NO_MATCH) {
            return deny(request, Denial.NO_RULE, trace(request, "no rule matches the path"));
        }
        AccessRule rule = config.rules().get(match);
        // Each outcome below builds its one Trace: the rule's pattern, the token's source and subject as known.
        String pattern = rule.path().text();
        Access access = rule.allow();
        if (access instanceof Access.Public) {
            return new Decision.Forward(request, ruled(request, pattern, "public path", "", ""));
        }
        if (credential instanceof Credential.None) {
            return noSession(request, ruled(request, pattern, "no token presented", "", ""), Denial.NO_TOKEN,
                    Optional.empty(), false);
        }
        if (credential instanceof Credential.Unusable unusable) {
            // Not sent to sign in: a new session cookie would not make these headers usable, so it could loop.
            return deny(request, Denial.INVALID_TOKEN, ruled(request, pattern, unusable.reason(), "", ""));
        }
        Credential.Presented presented = (Credential.Presented) credential;
        Verification verification = verifier.verify(presented.token(), platform.nowMillis());
        if (verification instanceof Verification.Rejected rejected) {
            return noSession(request, ruled(request, pattern, rejected.reason(), presented.source(), "")
                    .withRejection(rejected.code()), Denial.INVALID_TOKEN, Optional.of(rejected.code()),
                    presented.fromCookie());
        }
        Identity identity = ((Verification.Verified) verification).identity();
        if (access instanceof Access.MemberOfAny groups && !groups.admits(identity.groups())) {
            return deny(request, Denial.NOT_ALLOWED, ruled(request, pattern, "not a member of an allowed group",
                    presented.source(), identity.sub()));
        }
        return new Decision.Forward(request, ruled(request, pattern, "token admitted", presented.source(),
                identity.sub()));
    }

    /**
     * No usable session on a protected path: 401, or — for a browser opening a page, with sign-in configured — the
     * hosted UI, or refresh when the cookie's token is genuine but expired. A bearer token never leads to a redirect:
     * a session cookie could not replace it, so it could loop.
     */
    private Decision noSession(ViewerRequest request, Trace trace, Denial denial, Optional<RejectionCode> rejection,
                               boolean fromCookie) {
        Decision deny = deny(request, denial, trace);
        if (signIn.isEmpty() || !Navigation.isTopLevel(request) || (rejection.isPresent() && !fromCookie)) {
            return deny;
        }
        if (rejection.isPresent() && rejection.get() == RejectionCode.EXPIRED) {
            return signIn.get().toRefresh(request, trace.withReason(trace.reason() + "; redirect to refresh"), deny);
        }
        return signIn.get().toSignIn(request, trace.withReason(trace.reason() + "; redirect to the hosted UI"), deny);
    }

    private static Trace trace(ViewerRequest request, String reason) {
        return Trace.of(request.requestId(), request.uri(), reason);
    }

    private static Trace ruled(ViewerRequest request, String pattern, String reason, String tokenFrom, String sub) {
        return new Trace(request.requestId(), request.uri(), pattern, reason, tokenFrom, sub, Optional.empty());
    }

    private Decision deny(ViewerRequest request, Denial denial, Trace trace) {
        return new Decision.Deny(denial, trace, acceptsHtml(request));
    }

    /** Browsers ask for text/html; API clients and download tools get the short JSON body. */
    private boolean acceptsHtml(ViewerRequest request) {
        return platform.headerContains(request.headers(), "accept", "text/html");
    }
}
