package site.paywall.edge.core.config;

import java.util.List;
import java.util.Optional;

/**
 * The hosted-UI sign-in at the edge ({@code signIn} in the config): where Cognito's hosted UI lives, the public app
 * client the edge signs browsers in with, and the paths and cookies of the flow. See README, "Sign-in at the edge".
 *
 * @param domain              hosted-UI base URL without a trailing "/", e.g. {@code https://x.auth.us-east-1.amazoncognito.com}
 * @param pathPrefix          where the flow's endpoints live, starting and ending with "/" (default {@code /_auth/})
 * @param signedOutPath       where Cognito's {@code /logout} sends the browser back to
 * @param idTokenCookie       the cookie holding the ID token: one of tokenCookies, so the authorizer reads it
 * @param accessTokenCookie   the cookie holding the access token, when access tokens are accepted at all
 * @param refreshTokenCookie  the cookie holding the refresh token: never one of tokenCookies, and scoped to the prefix
 * @param sessionMaxAgeSeconds how long the session cookies live (the refresh token's lifetime)
 */
public record SignInConfig(String domain, String clientId, List<String> scopes, String pathPrefix,
                           String signedOutPath, String idTokenCookie, Optional<String> accessTokenCookie,
                           String refreshTokenCookie, int sessionMaxAgeSeconds) {

    /** The keys of the {@code signIn} object (a source config may add {@code $comment}). */
    public static final List<String> KEYS = List.of("domain", "clientId", "scopes", "pathPrefix", "signedOutPath",
            "idTokenCookie", "accessTokenCookie", "refreshTokenCookie", "refreshCookieMaxAgeSeconds");
    public static final List<String> DEFAULT_SCOPES = List.of("openid", "email", "profile");
    public static final String DEFAULT_PATH_PREFIX = "/_auth/";
    public static final String DEFAULT_REFRESH_COOKIE = "refresh_token";
    /** Cognito's default refresh-token validity. */
    public static final int DEFAULT_SESSION_MAX_AGE_SECONDS = 30 * 24 * 3600;
    /** Cognito's bounds on refresh-token validity: 60 minutes to 10 years. */
    public static final int MIN_SESSION_MAX_AGE_SECONDS = 3600;
    public static final int MAX_SESSION_MAX_AGE_SECONDS = 10 * 365 * 24 * 3600;

    public String callbackPath() {
        return pathPrefix + "callback";
    }

    public String refreshPath() {
        return pathPrefix + "refresh";
    }

    public String signInPath() {
        return pathPrefix + "signin";
    }

    public String signOutPath() {
        return pathPrefix + "signout";
    }

    public String mePath() {
        return pathPrefix + "me";
    }
}
