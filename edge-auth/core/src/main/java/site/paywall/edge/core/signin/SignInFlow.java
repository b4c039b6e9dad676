package site.paywall.edge.core.signin;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import site.paywall.edge.core.Decision;
import site.paywall.edge.core.Json;
import site.paywall.edge.core.Platform;
import site.paywall.edge.core.Trace;
import site.paywall.edge.core.config.SignInConfig;
import site.paywall.edge.core.config.TokenUse;
import site.paywall.edge.core.request.CookieHeader;
import site.paywall.edge.core.request.Credential;
import site.paywall.edge.core.request.HeaderValues;
import site.paywall.edge.core.request.ViewerRequest;
import site.paywall.edge.core.response.EdgeResponse;
import site.paywall.edge.core.token.Identity;
import site.paywall.edge.core.token.TokenVerifier;
import site.paywall.edge.core.token.Verification;

/**
 * Cognito's hosted-UI sign-in, run at the edge: the authorization-code flow with PKCE (S256), session cookies,
 * refresh and sign-out. It answers every path under the configured prefix ({@code callback}, {@code refresh},
 * {@code signin}, {@code signout}, {@code me}; anything else is 404) and starts the flow for protected navigations.
 * Nothing under the prefix is ever forwarded.
 *
 * <p>No loop is possible by construction: a redirect to the hosted UI happens only for a navigation without a usable
 * session cookie; refresh only for a navigation whose cookie token is genuine but expired, and it comes back only with
 * a token valid for at least {@link #MIN_FRESH_MILLIS}; every step that fails ends in a page with a link, never in a
 * redirect. Where a step needs Cognito, it returns {@link Decision.NeedsCall} and is decided again with the answer.
 */
public final class SignInFlow {

    /** A token handed back to the browser must stay valid at least this long, or the next request would refresh. */
    static final long MIN_FRESH_MILLIS = 10_000;
    private static final int MAX_CODE_LENGTH = 512;
    private static final int MAX_REFRESH_TOKEN_LENGTH = 4096;

    private final SignInConfig config;
    private final TokenVerifier verifier;
    private final Platform platform;
    private final int skewSeconds;

    public SignInFlow(SignInConfig config, TokenVerifier verifier, Platform platform, int skewSeconds) {
        this.config = config;
        this.verifier = verifier;
        this.platform = platform;
        this.skewSeconds = skewSeconds;
    }

    public String pathPrefix() {
        return config.pathPrefix();
    }

    // ------------------------------------------------------------------ protected navigations

    /** A protected navigation with no usable session: to the hosted UI, and back here afterwards. */
    public Decision toSignIn(ViewerRequest request, Trace trace, Decision withoutHost) {
        Optional<String> origin = SiteOrigin.of(request);
        if (origin.isEmpty()) {
            return withoutHost;
        }
        String back = ReturnPath.ofRequest(request.uri(), request.querystring(), config.pathPrefix());
        return signInRedirect(origin.get(), back, List.of(), trace);
    }

    /**
     * A protected navigation whose cookie token is genuine but expired: refresh it, and back here afterwards. Like
     * sign-in, only with a usable Host (refresh may have to go on to the hosted UI, which needs the callback URL).
     */
    public Decision toRefresh(ViewerRequest request, Trace trace, Decision withoutHost) {
        if (SiteOrigin.of(request).isEmpty()) {
            return withoutHost;
        }
        String back = ReturnPath.ofRequest(request.uri(), request.querystring(), config.pathPrefix());
        return respond(redirect(config.refreshPath() + "?return=" + UrlEncoding.component(back)).build(), trace);
    }

    // ------------------------------------------------------------------ the endpoints under the prefix

    /** Every request whose canonical path lies under the prefix. */
    public Decision endpoint(ViewerRequest request, String path, Credential credential, Optional<CallAnswer> answer,
                             Trace trace) {
        String name = path.substring(config.pathPrefix().length());
        switch (name) {
            case "callback":
                return callback(request, answer, trace);
            case "refresh":
                return refresh(request, answer, trace);
            case "signin":
                return signIn(request, trace);
            case "signout":
                return signOut(request, answer, trace);
            case "me":
                return me(request, credential, trace);
            default:
                return respond(page(request, 404, "Not found", "There is no such page.", "/", "Home"),
                        trace.withReason("no such sign-in endpoint"));
        }
    }

    private Decision signIn(ViewerRequest request, Trace trace) {
        if (!request.method().equals("GET")) {
            return methodNotAllowed(request, "GET", trace);
        }
        Optional<String> origin = SiteOrigin.of(request);
        if (origin.isEmpty()) {
            return badHost(request, trace);
        }
        Optional<QueryString> query = QueryString.parse(request.querystring());
        String back = ReturnPath.ofParameter(query.flatMap(q -> q.single("return")), config.pathPrefix());
        return signInRedirect(origin.get(), back, List.of(), trace.withReason("sign-in: redirect to the hosted UI"));
    }

    private Decision callback(ViewerRequest request, Optional<CallAnswer> answer, Trace trace) {
        if (!request.method().equals("GET")) {
            return methodNotAllowed(request, "GET", trace);
        }
        Optional<String> origin = SiteOrigin.of(request);
        if (origin.isEmpty()) {
            return badHost(request, trace);
        }
        Optional<QueryString> query = QueryString.parse(request.querystring());
        Optional<String> state = query.flatMap(q -> q.single("state")).filter(AttemptCookie::isState);
        List<String> cookieHeaders = cookieHeaders(request);
        Optional<AttemptCookie> attempt = state.flatMap(s -> AttemptCookie.find(cookieHeaders, s));
        long nowSeconds = (long) (platform.nowMillis() / 1000);
        if (attempt.isPresent() && !attempt.get().isCurrent(nowSeconds, skewSeconds)) {
            // Max-Age is the browser's to enforce: a cookie planted by someone else, or kept past it, is judged here.
            return cannotComplete(trace, "callback: the sign-in attempt is older than " + AttemptCookie.MAX_AGE_SECONDS
                    + " s or dated in the future");
        }
        if (attempt.isEmpty()) {
            // Login CSRF, an expired or replayed callback, or another browser's link: nothing to complete here, and
            // no cookie is set (so a forged callback cannot plant a session).
            return cannotComplete(trace, "callback: no sign-in attempt of this browser matches the state");
        }
        AttemptCookie current = attempt.get();
        String back = ReturnPath.ofParameter(Optional.of(current.returnPath()), config.pathPrefix());
        List<String> cleanup = attemptCleanup(AttemptCookie.all(cookieHeaders), current, nowSeconds);
        if (query.get().count("error") > 0) {
            return respond(problem(400, "Sign-in did not complete",
                    "The sign-in service did not sign you in (it answered \"" + errorCode(query.get()) + "\").", back,
                    "Try again").cookies(cleanup).build(),
                    trace.withReason("callback: the hosted UI returned an error"));
        }
        Optional<String> code = query.get().single("code").filter(SignInFlow::isCode);
        if (code.isEmpty()) {
            return respond(problem(400, "Sign-in did not complete", "The sign-in service's answer was incomplete.",
                    back, "Try again").cookies(cleanup).build(),
                    trace.withReason("callback: no usable code parameter"));
        }
        if (answer.isEmpty()) {
            String form = "grant_type=authorization_code&client_id=" + UrlEncoding.component(config.clientId())
                    + "&code=" + UrlEncoding.component(code.get())
                    + "&redirect_uri=" + UrlEncoding.component(origin.get() + config.callbackPath())
                    + "&code_verifier=" + current.verifier();
            return new Decision.NeedsCall(CognitoCall.exchange(config.domain(), form), trace);
        }
        TokenOutcome outcome = tokens(answer.get());
        if (outcome instanceof TokenOutcome.Refused refused) {
            return respond(problem(400, "This sign-in has expired",
                    "The sign-in took too long or was already used. Please sign in again.", back, "Sign in again")
                    .cookies(cleanup).build(),
                    trace.withReason("callback: the token endpoint refused the code (" + refused.error() + ")"));
        }
        if (outcome instanceof TokenOutcome.Failed failed) {
            return respond(unavailable(back).cookies(cleanup).build(),
                    trace.withReason("callback: " + failed.why()).withRejectionIfAny(failed.rejection()));
        }
        Session session = ((TokenOutcome.Signed) outcome).session();
        List<String> cookies = new ArrayList<>(session.cookies());
        cookies.addAll(cleanup);
        return respond(redirect(back).cookies(cookies).build(),
                trace.withReason("callback: signed in").withSub(session.identity().sub()));
    }

    private Decision refresh(ViewerRequest request, Optional<CallAnswer> answer, Trace trace) {
        boolean post = request.method().equals("POST");
        if (!post && !request.method().equals("GET")) {
            return methodNotAllowed(request, "GET, POST", trace);
        }
        Optional<String> origin = SiteOrigin.of(request);
        if (origin.isEmpty()) {
            return badHost(request, trace);
        }
        if (post && !isSameOrigin(request, origin.get())) {
            return respond(json(403, "forbidden", "Cross-site request refused.").build(),
                    trace.withReason("refresh: POST not from this site"));
        }
        String back = post ? ReturnPath.HOME : ReturnPath.ofParameter(
                QueryString.parse(request.querystring()).flatMap(q -> q.single("return")), config.pathPrefix());
        Optional<String> refreshToken = singleCookie(request, config.refreshTokenCookie())
                .filter(t -> t.length() <= MAX_REFRESH_TOKEN_LENGTH && SetCookies.isCookieValue(t));
        if (refreshToken.isEmpty()) {
            return post ? respond(json(401, "unauthorized", "Sign-in required.").header("WWW-Authenticate", "Bearer")
                    .build(), trace.withReason("refresh: no refresh cookie"))
                    : signInRedirect(origin.get(), back, List.of(),
                    trace.withReason("refresh: no refresh cookie; redirect to the hosted UI"));
        }
        if (answer.isEmpty()) {
            String form = "grant_type=refresh_token&client_id=" + UrlEncoding.component(config.clientId())
                    + "&refresh_token=" + UrlEncoding.component(refreshToken.get());
            return new Decision.NeedsCall(CognitoCall.refresh(config.domain(), form), trace);
        }
        TokenOutcome outcome = tokens(answer.get());
        if (outcome instanceof TokenOutcome.Refused refused) {
            // Revoked, expired or foreign refresh token: forget it and sign in again (never back to refresh).
            String forget = SetCookies.expire(config.refreshTokenCookie(), config.pathPrefix());
            Trace why = trace.withReason("refresh: the token endpoint refused the refresh token (" + refused.error()
                    + ")");
            return post ? respond(json(401, "unauthorized", "Sign-in required.").header("WWW-Authenticate", "Bearer")
                    .cookies(List.of(forget)).build(), why)
                    : signInRedirect(origin.get(), back, List.of(forget), why.withReason(why.reason()
                    + "; redirect to the hosted UI"));
        }
        if (outcome instanceof TokenOutcome.Failed failed) {
            Trace why = trace.withReason("refresh: " + failed.why()).withRejectionIfAny(failed.rejection());
            return post ? respond(json(502, "bad_gateway", "The sign-in service did not answer.").build(), why)
                    : respond(unavailable(back).build(), why);
        }
        Session session = ((TokenOutcome.Signed) outcome).session();
        Trace done = trace.withReason("refresh: new tokens set").withSub(session.identity().sub());
        return post ? respond(EdgeResponse.status(204).cookies(session.cookies()).build(), done)
                : respond(redirect(back).cookies(session.cookies()).build(), done);
    }

    private Decision signOut(ViewerRequest request, Optional<CallAnswer> answer, Trace trace) {
        if (request.method().equals("GET")) {
            return respond(EdgeResponse.status(200).html(FlowPages.signOut(config.signOutPath())).build(),
                    trace.withReason("sign-out: confirmation page"));
        }
        if (!request.method().equals("POST")) {
            return methodNotAllowed(request, "GET, POST", trace);
        }
        Optional<String> origin = SiteOrigin.of(request);
        if (origin.isEmpty()) {
            return badHost(request, trace);
        }
        if (!isSameOrigin(request, origin.get())) {
            return respond(problem(403, "Sign out from this site", "Sign-out only works from this site's own page.",
                    config.signOutPath(), "Go to the sign-out page").build(),
                    trace.withReason("sign-out: POST not from this site"));
        }
        Optional<String> refreshToken = singleCookie(request, config.refreshTokenCookie())
                .filter(t -> t.length() <= MAX_REFRESH_TOKEN_LENGTH && SetCookies.isCookieValue(t));
        if (refreshToken.isPresent() && answer.isEmpty()) {
            String form = "token=" + UrlEncoding.component(refreshToken.get()) + "&client_id="
                    + UrlEncoding.component(config.clientId());
            return new Decision.NeedsCall(CognitoCall.revoke(config.domain(), form), trace);
        }
        String revoked = refreshToken.isEmpty() ? "no refresh cookie to revoke"
                : answer.get() instanceof CallAnswer.Answered answered && answered.status() == 200
                ? "refresh token revoked" : "revoking the refresh token failed ("
                + describe(answer.get()) + "); cookies cleared anyway";
        List<String> cookies = new ArrayList<>();
        cookies.add(SetCookies.expire(config.idTokenCookie(), "/"));
        config.accessTokenCookie().ifPresent(name -> cookies.add(SetCookies.expire(name, "/")));
        cookies.add(SetCookies.expire(config.refreshTokenCookie(), config.pathPrefix()));
        String logout = config.domain() + "/logout?client_id=" + UrlEncoding.component(config.clientId())
                + "&logout_uri=" + UrlEncoding.component(origin.get() + config.signedOutPath());
        return respond(EdgeResponse.status(200).html(FlowPages.signedOut(logout)).cookies(cookies).build(),
                trace.withReason("sign-out: " + revoked));
    }

    private Decision me(ViewerRequest request, Credential credential, Trace trace) {
        if (!request.method().equals("GET")) {
            return methodNotAllowed(request, "GET", trace);
        }
        if (!(credential instanceof Credential.Presented presented)) {
            return respond(json(401, "unauthorized", "Sign-in required.").header("WWW-Authenticate", "Bearer")
                    .build(), trace.withReason("me: no token presented"));
        }
        Trace withToken = trace.withToken(presented.source());
        Verification verification = verifier.verify(presented.token(), platform.nowMillis());
        if (verification instanceof Verification.Rejected rejected) {
            return respond(json(401, "invalid_token", "The token is not valid. Sign in again.")
                    .header("WWW-Authenticate", "Bearer error=\"invalid_token\"").build(),
                    withToken.withReason("me: " + rejected.reason()).withRejection(rejected.code()));
        }
        Identity identity = ((Verification.Verified) verification).identity();
        Json groups = platform.newArray();
        identity.groups().forEach(group -> groups.add(platform.string(group)));
        Json body = platform.newObject();
        identity.username().ifPresent(username -> body.put("username", platform.string(username)));
        identity.email().ifPresent(email -> body.put("email", platform.string(email)));
        body.put("groups", groups).put("expiresAt", platform.integer((long) identity.times().expiresAt()));
        return respond(EdgeResponse.status(200).json(platform.stringify(body)).build(),
                withToken.withReason("me: signed in").withSub(identity.sub()));
    }

    // ------------------------------------------------------------------ tokens from the token endpoint

    private sealed interface TokenOutcome {
        record Signed(Session session) implements TokenOutcome { }

        /** Cognito refused the grant (400 with an OAuth error such as invalid_grant). */
        record Refused(String error) implements TokenOutcome { }

        /** No usable answer, or tokens that do not verify; {@code rejection} when a token was refused. */
        record Failed(String why, Optional<site.paywall.edge.core.token.RejectionCode> rejection)
                implements TokenOutcome { }
    }

    private record Session(Identity identity, List<String> cookies) { }

    private TokenOutcome tokens(CallAnswer answer) {
        if (answer instanceof CallAnswer.Failed failed) {
            return new TokenOutcome.Failed("the token endpoint did not answer (" + failed.kind() + ", "
                    + failed.attempts() + " attempt(s))", Optional.empty());
        }
        TokenEndpointAnswer read = TokenEndpointAnswer.read((CallAnswer.Answered) answer, platform);
        if (read instanceof TokenEndpointAnswer.OAuthError error) {
            return new TokenOutcome.Refused(error.error());
        }
        if (read instanceof TokenEndpointAnswer.Unusable unusable) {
            return new TokenOutcome.Failed(unusable.why(), Optional.empty());
        }
        TokenEndpointAnswer.Tokens tokens = (TokenEndpointAnswer.Tokens) read;
        double now = platform.nowMillis();
        Verification id = verifier.verify(tokens.idToken(), now);
        if (id instanceof Verification.Rejected rejected) {
            return new TokenOutcome.Failed("the new ID token was rejected: " + rejected.reason(),
                    Optional.of(rejected.code()));
        }
        Identity identity = ((Verification.Verified) id).identity();
        if (identity.tokenUse() != TokenUse.ID || !identity.clientId().equals(config.clientId())) {
            return new TokenOutcome.Failed("the new ID token is not an ID token of signIn.clientId", Optional.empty());
        }
        if (identity.times().millisLeft(now, skewSeconds) < MIN_FRESH_MILLIS) {
            return new TokenOutcome.Failed("the new ID token expires too soon", Optional.empty());
        }
        if (!SetCookies.fits(config.idTokenCookie(), tokens.idToken())) {
            return tooLarge("ID token", config.idTokenCookie(), tokens.idToken());
        }
        List<String> cookies = new ArrayList<>();
        cookies.add(SetCookies.set(config.idTokenCookie(), tokens.idToken(), "/", config.sessionMaxAgeSeconds()));
        if (config.accessTokenCookie().isPresent()) {
            Verification access = verifier.verify(tokens.accessToken(), now);
            if (access instanceof Verification.Rejected rejected) {
                return new TokenOutcome.Failed("the new access token was rejected: " + rejected.reason(),
                        Optional.of(rejected.code()));
            }
            Identity accessIdentity = ((Verification.Verified) access).identity();
            if (accessIdentity.tokenUse() != TokenUse.ACCESS || !accessIdentity.clientId().equals(config.clientId())
                    || !accessIdentity.sub().equals(identity.sub())) {
                return new TokenOutcome.Failed("the new access token is not signIn.clientId's for the same user",
                        Optional.empty());
            }
            if (!SetCookies.fits(config.accessTokenCookie().get(), tokens.accessToken())) {
                return tooLarge("access token", config.accessTokenCookie().get(), tokens.accessToken());
            }
            cookies.add(SetCookies.set(config.accessTokenCookie().get(), tokens.accessToken(), "/",
                    config.sessionMaxAgeSeconds()));
        }
        if (tokens.refreshToken().isPresent()) {
            String refresh = tokens.refreshToken().get();
            if (refresh.isEmpty() || !SetCookies.isCookieValue(refresh)) {
                return new TokenOutcome.Failed("the new refresh token cannot be a cookie", Optional.empty());
            }
            if (!SetCookies.fits(config.refreshTokenCookie(), refresh)) {
                return tooLarge("refresh token", config.refreshTokenCookie(), refresh);
            }
            cookies.add(SetCookies.set(config.refreshTokenCookie(), refresh, config.pathPrefix(),
                    config.sessionMaxAgeSeconds()));
        }
        return new TokenOutcome.Signed(new Session(identity, cookies));
    }

    // ------------------------------------------------------------------ pieces

    /** The callback has nothing of this browser's to complete: a page to start again, and no cookie set. */
    private Decision cannotComplete(Trace trace, String reason) {
        return respond(problem(400, "This sign-in cannot be completed",
                "The sign-in was started in another browser or tab that already finished it, or it expired."
                        + " Please sign in again.", "/", "Start again").build(), trace.withReason(reason));
    }

    /**
     * A token a browser would not keep as a cookie (a user in very many groups makes a long ID token): setting it
     * anyway would lose the session at once and send the browser round the hosted UI again and again, each round
     * redeeming a code. Refused instead, with the sizes (never the token) in the log.
     */
    private static TokenOutcome tooLarge(String what, String cookieName, String token) {
        return new TokenOutcome.Failed("the new " + what + " is too large for a cookie (" + cookieName + "=... is "
                + SetCookies.pairLength(cookieName, token) + " characters; browsers keep at most "
                + SetCookies.MAX_PAIR_LENGTH + ")", Optional.empty());
    }

    private Decision signInRedirect(String origin, String back, List<String> extraCookies, Trace trace) {
        String state = platform.randomBase64Url(16);
        String verifierText = platform.randomBase64Url(32);
        AttemptCookie attempt = new AttemptCookie(state, (long) (platform.nowMillis() / 1000), verifierText, back);
        String location = config.domain() + "/oauth2/authorize?response_type=code"
                + "&client_id=" + UrlEncoding.component(config.clientId())
                + "&redirect_uri=" + UrlEncoding.component(origin + config.callbackPath())
                + "&scope=" + UrlEncoding.component(String.join(" ", config.scopes()))
                + "&state=" + state
                + "&code_challenge=" + platform.sha256Base64Url(verifierText)
                + "&code_challenge_method=S256";
        List<String> cookies = new ArrayList<>(extraCookies);
        cookies.add(SetCookies.set(attempt.name(), attempt.value(), config.callbackPath(),
                AttemptCookie.MAX_AGE_SECONDS));
        return respond(redirect(location).cookies(cookies).build(), trace);
    }

    /** This attempt's cookie expires; so do others past their age and, beyond the newest few, the oldest. */
    private List<String> attemptCleanup(List<CookieHeader.Pair> attempts, AttemptCookie current, long nowSeconds) {
        List<String> cookies = new ArrayList<>();
        cookies.add(SetCookies.expire(current.name(), config.callbackPath()));
        List<CookieHeader.Pair> others = new ArrayList<>();
        List<Long> startedAt = new ArrayList<>();
        for (CookieHeader.Pair pair : attempts) {
            if (pair.name().equals(current.name()) || containsName(others, pair.name())) {
                continue;
            }
            String state = pair.name().substring(AttemptCookie.NAME_PREFIX.length());
            Optional<AttemptCookie> other = AttemptCookie.read(state, pair.value());
            if (other.isEmpty() || nowSeconds - other.get().startedAtSeconds() > AttemptCookie.MAX_AGE_SECONDS) {
                cookies.add(SetCookies.expire(pair.name(), config.callbackPath()));
            } else {
                others.add(pair);
                startedAt.add(other.get().startedAtSeconds());
            }
        }
        while (others.size() > AttemptCookie.MAX_PENDING) {
            int oldest = 0;
            for (int i = 1; i < others.size(); i++) {
                if (startedAt.get(i) < startedAt.get(oldest)) {
                    oldest = i;
                }
            }
            cookies.add(SetCookies.expire(others.get(oldest).name(), config.callbackPath()));
            others.remove(oldest);
            startedAt.remove(oldest);
        }
        return cookies;
    }

    private static boolean containsName(List<CookieHeader.Pair> pairs, String name) {
        for (CookieHeader.Pair pair : pairs) {
            if (pair.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static Optional<String> singleCookie(ViewerRequest request, String name) {
        List<String> values = new ArrayList<>(2);
        for (String header : cookieHeaders(request)) {
            CookieHeader.valuesOf(header, name, values);
        }
        String found = "";
        for (String value : values) {
            if (value.isEmpty()) {
                continue;
            }
            if (!found.isEmpty() && !found.equals(value)) {
                return Optional.empty();
            }
            found = value;
        }
        return found.isEmpty() ? Optional.empty() : Optional.of(found);
    }

    /** The Cookie headers; their shape was checked before any decision (Credentials.find). */
    private static List<String> cookieHeaders(ViewerRequest request) {
        return request.cookie() instanceof HeaderValues.Values values ? values.values() : List.of();
    }

    /**
     * A POST from this site's own pages: the browser says {@code Sec-Fetch-Site: same-origin}, or (older browsers)
     * sends an {@code Origin} equal to the site's. No header at all is refused too: a sign-out or refresh is never
     * worth guessing.
     */
    private static boolean isSameOrigin(ViewerRequest request, String origin) {
        HeaderValues site = HeaderValues.of(request.headers(), "sec-fetch-site");
        if (site instanceof HeaderValues.Values values && !values.values().isEmpty()) {
            return values.values().size() == 1 && values.values().get(0).equals("same-origin");
        }
        HeaderValues originHeader = HeaderValues.of(request.headers(), "origin");
        return originHeader instanceof HeaderValues.Values values && values.values().size() == 1
                && values.values().get(0).equals(origin);
    }

    private static boolean isCode(String code) {
        if (code.isEmpty() || code.length() > MAX_CODE_LENGTH) {
            return false;
        }
        for (int i = 0; i < code.length(); i++) {
            if (!UrlEncoding.isUnreserved(code.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static String errorCode(QueryString query) {
        String error = query.single("error").orElse("");
        for (int i = 0; i < error.length(); i++) {
            char c = error.charAt(i);
            if (!((c >= 'a' && c <= 'z') || c == '_')) {
                return "an error";
            }
        }
        return error.isEmpty() || error.length() > 40 ? "an error" : error;
    }

    private static String describe(CallAnswer answer) {
        return answer instanceof CallAnswer.Answered answered ? "HTTP " + answered.status()
                : ((CallAnswer.Failed) answer).kind();
    }

    private static EdgeResponse.Builder redirect(String location) {
        return EdgeResponse.status(302).header("Location", location);
    }

    private static EdgeResponse.Builder problem(int status, String title, String message, String retryHref,
                                                String retryLabel) {
        return EdgeResponse.status(status).html(FlowPages.problem(title, message, retryHref, retryLabel));
    }

    private static EdgeResponse.Builder unavailable(String back) {
        return problem(502, "Sign-in is unavailable", "The sign-in service did not answer properly. Please try"
                + " again in a moment.", back, "Try again");
    }

    private EdgeResponse.Builder json(int status, String error, String message) {
        return EdgeResponse.status(status).json(platform.stringify(platform.newObject()
                .put("error", platform.string(error)).put("message", platform.string(message))));
    }

    private EdgeResponse page(ViewerRequest request, int status, String title, String message, String href,
                              String label) {
        return acceptsHtml(request) ? problem(status, title, message, href, label).build()
                : json(status, status == 404 ? "not_found" : "bad_request", message).build();
    }

    private Decision methodNotAllowed(ViewerRequest request, String allowed, Trace trace) {
        EdgeResponse.Builder response = acceptsHtml(request)
                ? problem(405, "Not allowed", "This page does not take that kind of request.", "/", "Home")
                : json(405, "method_not_allowed", "This endpoint does not take that method.");
        return respond(response.header("Allow", allowed).build(),
                trace.withReason("method " + (request.method().isEmpty() ? "(none)" : "not allowed here")));
    }

    private Decision badHost(ViewerRequest request, Trace trace) {
        return respond(page(request, 400, "Bad request", "The request has no usable Host header.", "/", "Home"),
                trace.withReason("no single well-formed Host header"));
    }

    private static boolean acceptsHtml(ViewerRequest request) {
        return HeaderValues.of(request.headers(), "accept").anyContains("text/html");
    }

    private static Decision respond(EdgeResponse response, Trace trace) {
        return new Decision.Respond(response, trace);
    }
}
