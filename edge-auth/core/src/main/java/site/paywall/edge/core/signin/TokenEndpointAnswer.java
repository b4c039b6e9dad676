package site.paywall.edge.core.signin;

import java.util.Optional;
import site.paywall.edge.core.Json;
import site.paywall.edge.core.Platform;

/**
 * Cognito's {@code /oauth2/token} answer, read strictly: 200 with a JSON object holding the tokens, or 400 with an
 * OAuth error code ({@code invalid_grant} for a used, expired or revoked code or refresh token). Anything else —
 * another status, a body that is not JSON, missing tokens — is {@link Unusable}: the flow shows an error page.
 */
sealed interface TokenEndpointAnswer
        permits TokenEndpointAnswer.Tokens, TokenEndpointAnswer.OAuthError, TokenEndpointAnswer.Unusable {

    /** {@code refreshToken} is absent on a refresh grant unless the client rotates refresh tokens. */
    record Tokens(String idToken, String accessToken, Optional<String> refreshToken) implements TokenEndpointAnswer { }

    record OAuthError(String error) implements TokenEndpointAnswer { }

    /** {@code why} is for the log: names what was wrong, never a value. */
    record Unusable(String why) implements TokenEndpointAnswer { }

    static TokenEndpointAnswer read(CallAnswer.Answered answer, Platform platform) {
        Optional<Json> body = platform.parseJson(answer.body());
        boolean object = body.isPresent() && body.get().isObject();
        if (answer.status() == 400 && object && body.get().string("error").isPresent()) {
            String error = body.get().string("error").get();
            return new OAuthError(isErrorCode(error) ? error : "(unreadable error code)");
        }
        if (answer.status() != 200) {
            return new Unusable("Cognito answered HTTP " + answer.status());
        }
        if (!object) {
            return new Unusable("Cognito's answer is not a JSON object");
        }
        Optional<String> id = body.get().string("id_token");
        Optional<String> access = body.get().string("access_token");
        if (id.isEmpty() || access.isEmpty()) {
            return new Unusable("Cognito's answer lacks id_token or access_token");
        }
        Optional<Json> refresh = body.get().get("refresh_token");
        if (refresh.isPresent() && !refresh.get().isString()) {
            return new Unusable("Cognito's refresh_token is not a string");
        }
        return new Tokens(id.get(), access.get(), body.get().string("refresh_token"));
    }

    /** RFC 6749 error codes are %x20-21 / %x23-5B / %x5D-7E; we only ever log short plain ones. */
    private static boolean isErrorCode(String error) {
        if (error.isEmpty() || error.length() > 64) {
            return false;
        }
        for (int i = 0; i < error.length(); i++) {
            char c = error.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
