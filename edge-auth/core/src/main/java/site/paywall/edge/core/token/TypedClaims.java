package site.paywall.edge.core.token;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import site.paywall.edge.core.Json;

/**
 * A token's claims when every claim the rules read has the shape they expect — the ordinary case, read in one go:
 * {@code iss}, {@code token_use} and a non-empty {@code sub} strings; {@code aud} and {@code client_id} strings or
 * absent (then ""); {@code exp} and {@code iat} NumericDates in 1970…9999 (whole seconds), {@code nbf} one too or
 * absent ({@link TokenTimes#NO_NOT_BEFORE}); {@code cognito:groups} an array of strings or absent (no groups).
 * {@code cognito:username}, {@code username} and {@code email} are kept when they are strings. Any other shape is
 * not "typed": {@link CognitoClaims} then reads the JSON itself and words the refusal.
 */
public record TypedClaims(String iss, String tokenUse, String aud, String clientId, String sub, double exp,
                          double iat, double nbf, List<String> groups, Optional<String> cognitoUsername,
                          Optional<String> username, Optional<String> email) {

    /** The reference reading; {@code Platform.readClaims} must agree with it for every payload. */
    public static Optional<TypedClaims> read(Json claims) {
        if (!claims.isObject()) {
            return Optional.empty();
        }
        Optional<String> iss = claims.string("iss");
        Optional<String> tokenUse = claims.string("token_use");
        Optional<String> sub = claims.string("sub");
        Optional<String> aud = textOrAbsent(claims, "aud");
        Optional<String> clientId = textOrAbsent(claims, "client_id");
        double exp = date(claims, "exp");
        double iat = date(claims, "iat");
        double nbf = claims.get("nbf").isPresent() ? date(claims, "nbf") : TokenTimes.NO_NOT_BEFORE;
        Optional<List<String>> groups = groups(claims);
        if (iss.isEmpty() || tokenUse.isEmpty() || sub.isEmpty() || sub.get().isEmpty() || aud.isEmpty()
                || clientId.isEmpty() || Double.isNaN(exp) || Double.isNaN(iat) || Double.isNaN(nbf)
                || groups.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TypedClaims(iss.get(), tokenUse.get(), aud.get(), clientId.get(), sub.get(), exp, iat,
                nbf, groups.get(), claims.string("cognito:username"), claims.string("username"),
                claims.string("email")));
    }

    /** A string, or "" when absent; empty for any other value. */
    private static Optional<String> textOrAbsent(Json claims, String name) {
        Optional<Json> value = claims.get(name);
        if (value.isEmpty()) {
            return Optional.of("");
        }
        return value.get().isString() ? Optional.of(value.get().stringValue()) : Optional.empty();
    }

    /** Whole seconds of a NumericDate in range; NaN when absent or anything else. */
    private static double date(Json claims, String name) {
        Optional<Json> value = claims.get(name);
        double seconds = value.isPresent() && value.get().isNumber() ? value.get().numberValue() : Double.NaN;
        return seconds >= 0 && seconds <= NumericDate.MAX_SECONDS ? Math.floor(seconds) : Double.NaN;
    }

    private static Optional<List<String>> groups(Json claims) {
        Optional<Json> value = claims.get("cognito:groups");
        if (value.isEmpty()) {
            return Optional.of(List.of());
        }
        if (!value.get().isArray()) {
            return Optional.empty();
        }
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < value.get().length(); i++) {
            Json group = value.get().at(i);
            if (!group.isString()) {
                return Optional.empty();
            }
            groups.add(group.stringValue());
        }
        return Optional.of(groups);
    }
}
