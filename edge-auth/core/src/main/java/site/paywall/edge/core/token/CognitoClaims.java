package site.paywall.edge.core.token;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import site.paywall.edge.core.Json;
import site.paywall.edge.core.config.EdgeConfig;
import site.paywall.edge.core.config.TokenUse;

/**
 * The claim rules for a Cognito ID or access token, one small check each: issuer, token_use, audience (aud for
 * ID tokens, client_id for access tokens), subject, validity window and groups. Two entries: {@link TypedClaims}
 * (the ordinary case, every claim of its expected shape, so only issuer, token use, audience and the window can
 * fail — in that order) and the JSON itself (any shape, each refusal worded), which gives the same result on
 * typed claims.
 */
final class CognitoClaims {

    private final EdgeConfig config;

    CognitoClaims(EdgeConfig config) {
        this.config = config;
    }

    /** The rules on claims of the expected shape: the same outcome as {@link #check(Json, double)} on their JSON. */
    Verification check(TypedClaims claims, double nowMillis) {
        if (!config.issuer().equals(claims.iss())) {
            return new Verification.Rejected(RejectionCode.WRONG_ISSUER, "iss is not the configured issuer");
        }
        Optional<TokenUse> use = TokenUse.fromClaim(claims.tokenUse());
        if (use.isEmpty()) {
            return new Verification.Rejected(RejectionCode.WRONG_TOKEN_USE,
                    "token_use missing or not \"id\"/\"access\"");
        }
        TokenUse kind = use.get();
        if (!config.tokenUses().contains(kind)) {
            return new Verification.Rejected(RejectionCode.WRONG_TOKEN_USE,
                    "token_use \"" + kind.claimValue() + "\" not allowed by tokenUse");
        }
        String clientId = kind == TokenUse.ID ? claims.aud() : claims.clientId();
        if (!config.clientIds().contains(clientId)) {
            return new Verification.Rejected(RejectionCode.WRONG_AUDIENCE,
                    (kind == TokenUse.ID ? "aud" : "client_id") + " is not one of clientIds");
        }
        TokenTimes times = new TokenTimes(claims.exp(), claims.iat(), claims.nbf());
        Optional<Verification.Rejected> window = times.problemAt(nowMillis, config.clockSkewSeconds());
        if (window.isPresent()) {
            return window.get();
        }
        return new Verification.Verified(new Identity(claims.sub(), kind, clientId, claims.groups(), times,
                kind == TokenUse.ID ? claims.cognitoUsername() : claims.username(),
                kind == TokenUse.ID ? claims.email() : Optional.empty()));
    }

    Verification check(Json claims, double nowMillis) {
        ClaimProblems problems = new ClaimProblems();
        checkIssuer(claims, problems);
        Optional<TokenUse> use = tokenUse(claims, problems);
        String clientId = use.isPresent() ? audience(claims, use.get(), problems) : "";
        String sub = subject(claims, problems);
        Optional<TokenTimes> times = times(claims, problems);
        List<String> groups = groups(claims, problems);
        if (problems.first().isPresent()) {
            return problems.first().get();
        }
        Optional<Verification.Rejected> window = times.orElseThrow().problemAt(nowMillis, config.clockSkewSeconds());
        if (window.isPresent()) {
            return window.get();
        }
        TokenUse kind = use.orElseThrow();
        return new Verification.Verified(new Identity(sub, kind, clientId, groups, times.orElseThrow(),
                claims.string(kind == TokenUse.ID ? "cognito:username" : "username"),
                kind == TokenUse.ID ? claims.string("email") : Optional.empty()));
    }

    private void checkIssuer(Json claims, ClaimProblems problems) {
        if (!claims.string("iss").map(config.issuer()::equals).orElse(false)) {
            problems.add(RejectionCode.WRONG_ISSUER, "iss is not the configured issuer");
        }
    }

    private Optional<TokenUse> tokenUse(Json claims, ClaimProblems problems) {
        Optional<TokenUse> use = claims.string("token_use").flatMap(TokenUse::fromClaim);
        if (use.isEmpty()) {
            problems.add(RejectionCode.WRONG_TOKEN_USE, "token_use missing or not \"id\"/\"access\"");
        } else if (!config.tokenUses().contains(use.get())) {
            problems.add(RejectionCode.WRONG_TOKEN_USE,
                    "token_use \"" + use.get().claimValue() + "\" not allowed by tokenUse");
            return Optional.empty();
        }
        return use;
    }

    /** The app client the token was issued to; a problem unless it is one of clientIds. */
    private String audience(Json claims, TokenUse use, ClaimProblems problems) {
        String claim = use == TokenUse.ID ? "aud" : "client_id";
        String clientId = claims.string(claim).orElse("");
        if (!config.clientIds().contains(clientId)) {
            problems.add(RejectionCode.WRONG_AUDIENCE, claim + " is not one of clientIds");
        }
        return clientId;
    }

    private static String subject(Json claims, ClaimProblems problems) {
        String sub = claims.string("sub").orElse("");
        if (sub.isEmpty()) {
            problems.add(RejectionCode.MALFORMED, "sub missing or not a non-empty string");
        }
        return sub;
    }

    private static Optional<TokenTimes> times(Json claims, ClaimProblems problems) {
        double exp = NumericDate.read(claims, "exp", problems);
        double iat = NumericDate.read(claims, "iat", problems);
        double nbf = NumericDate.read(claims, "nbf", problems);
        if (claims.get("exp").isEmpty()) {
            problems.add(RejectionCode.MALFORMED, "exp missing");
        }
        if (claims.get("iat").isEmpty()) {
            problems.add(RejectionCode.MALFORMED, "iat missing");
        }
        if (Double.isNaN(exp) || Double.isNaN(iat)) {
            return Optional.empty();
        }
        return Optional.of(new TokenTimes(exp, iat, Double.isNaN(nbf) ? TokenTimes.NO_NOT_BEFORE : nbf));
    }

    /** {@code cognito:groups}: absent means no groups; anything but an array of strings is refused. */
    private static List<String> groups(Json claims, ClaimProblems problems) {
        List<String> groups = new ArrayList<>();
        Optional<Json> value = claims.get("cognito:groups");
        if (value.isEmpty()) {
            return groups;
        }
        if (!value.get().isArray()) {
            problems.add(RejectionCode.MALFORMED, "cognito:groups is not an array of strings");
            return groups;
        }
        for (int i = 0; i < value.get().length(); i++) {
            Json group = value.get().at(i);
            if (!group.isString()) {
                problems.add(RejectionCode.MALFORMED, "cognito:groups is not an array of strings");
                return groups;
            }
            groups.add(group.stringValue());
        }
        return groups;
    }
}
