package site.paywall.edge.jvm;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import site.paywall.edge.core.config.EdgeConfig;
import site.paywall.edge.core.config.SigningKey;
import site.paywall.edge.core.config.TokenUse;
import site.paywall.edge.core.token.Identity;
import site.paywall.edge.core.token.RejectionCode;
import site.paywall.edge.core.token.TokenTimes;
import site.paywall.edge.core.token.TokenVerifier;
import site.paywall.edge.core.token.Verification;

/**
 * The reference verifier: nimbus-jose-jwt picks the key (JWSVerificationKeySelector over the bundled JWKS, RS256
 * only), checks the signature (RSASSAVerifier) and the standard claims (DefaultJWTClaimsVerifier: iss, aud, exp,
 * required claims, clock skew). It is written independently of the core's {@code CognitoTokenVerifier}, which the
 * edge runs, so that the differential tests compare two implementations of the same rules.
 *
 * <p>Three things are done here rather than by nimbus, each to hold the same contract as the edge: JSON is parsed by
 * Jackson in strict mode (nimbus's Gson is lenient and rejects duplicate names, where JSON.parse keeps the last);
 * Cognito's own claims (token_use, client_id, cognito:groups, the value types) are checked by hand; and {@code nbf}
 * and {@code iat} are checked by hand because nimbus rejects {@code nbf} at the exact second RFC 7519 allows.
 */
public final class NimbusTokenVerifier implements TokenVerifier {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-]+");
    private static final int MAX_TOKEN_LENGTH = 8192;
    private static final double MAX_NUMERIC_DATE = 253_402_300_799d;

    private final EdgeConfig config;
    private final JWSVerificationKeySelector<SecurityContext> keySelector;
    private final Set<String> kids;

    /**
     * Verifies against exactly the keys the core accepted from the bundled JWKS ({@code config.signingKeys()}),
     * rebuilt from their kid, n and e: the JWKS is filtered once, by the core's rules, and both engines see the same
     * key set whatever else the JWKS holds.
     */
    public NimbusTokenVerifier(EdgeConfig config) {
        this.config = config;
        List<JWK> keys = new ArrayList<>();
        for (SigningKey key : config.signingKeys()) {
            JsonNode jwk = ((JacksonJson) key.jwk()).node();
            keys.add(new RSAKey.Builder(new Base64URL(jwk.path("n").asText()), new Base64URL(jwk.path("e").asText()))
                    .keyID(key.kid()).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).build());
        }
        this.keySelector = new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                new ImmutableJWKSet<>(new JWKSet(keys)));
        this.kids = new HashSet<>();
        config.signingKeys().forEach(key -> kids.add(key.kid()));
    }

    @Override
    public Verification verify(String token, double nowMillisDouble) {
        long nowMillis = (long) nowMillisDouble;
        String[] parts = token.split("\\.", -1);
        if (token.length() > MAX_TOKEN_LENGTH || parts.length != 3) {
            return rejected(RejectionCode.MALFORMED, "not a compact JWS");
        }
        for (String part : parts) {
            if (!isCanonicalBase64Url(part)) {
                return rejected(RejectionCode.MALFORMED, "not a compact JWS");
            }
        }
        Optional<JsonNode> header = jsonObject(parts[0]);
        if (header.isEmpty()) {
            return rejected(RejectionCode.MALFORMED, "header is not a JSON object");
        }
        if (header.get().has("crit")) {
            return rejected(RejectionCode.MALFORMED, "crit header present");
        }
        JsonNode alg = header.get().get("alg");
        JsonNode kid = header.get().get("kid");
        if (alg == null || !alg.isTextual() || !JWSAlgorithm.RS256.getName().equals(alg.textValue())) {
            return rejected(RejectionCode.MALFORMED, "alg is not RS256");
        }
        if (kid == null || !kid.isTextual()) {
            return rejected(RejectionCode.MALFORMED, "kid missing");
        }
        if (!kids.contains(kid.textValue())) {
            return rejected(RejectionCode.UNKNOWN_KEY, "kid not in the bundled JWKS");
        }
        JWSHeader jwsHeader = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid.textValue()).build();
        if (!verifiesWithBundledKey(jwsHeader, parts)) {
            return rejected(RejectionCode.BAD_SIGNATURE, "the bundled RS256 key does not verify the signature");
        }
        Optional<JsonNode> payload = jsonObject(parts[1]);
        if (payload.isEmpty()) {
            return rejected(RejectionCode.MALFORMED, "payload is not a JSON object");
        }
        return checkClaims(payload.get(), nowMillis);
    }

    private boolean verifiesWithBundledKey(JWSHeader header, String[] parts) {
        List<Key> keys;
        try {
            keys = keySelector.selectJWSKeys(header, null);
        } catch (KeySourceException e) {
            return false;
        }
        byte[] signingInput = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        for (Key key : keys) {
            try {
                if (key instanceof RSAPublicKey rsa
                        && new RSASSAVerifier(rsa).verify(header, signingInput, new Base64URL(parts[2]))) {
                    return true;
                }
            } catch (JOSEException e) {
                return false;
            }
        }
        return false;
    }

    /**
     * Cognito's claims, refused in the contract's order (issuer, token use, audience, the shapes of sub, the dates
     * and groups, then the validity window), so that both engines give the same rejection code for any token.
     */
    private Verification checkClaims(JsonNode claims, long nowMillis) {
        Optional<String> issuer = text(claims, "iss");
        if (issuer.isEmpty() || !issuer.get().equals(config.issuer())) {
            return rejected(RejectionCode.WRONG_ISSUER, "iss is not the configured issuer");
        }
        Optional<TokenUse> use = text(claims, "token_use").flatMap(TokenUse::fromClaim);
        if (use.isEmpty() || !config.tokenUses().contains(use.get())) {
            return rejected(RejectionCode.WRONG_TOKEN_USE, "token_use not allowed");
        }
        String audienceClaim = use.get() == TokenUse.ID ? "aud" : "client_id";
        Optional<String> audience = text(claims, audienceClaim);
        if (audience.isEmpty() || !config.clientIds().contains(audience.get())) {
            return rejected(RejectionCode.WRONG_AUDIENCE, audienceClaim + " not accepted");
        }
        Optional<String> sub = text(claims, "sub").filter(s -> !s.isEmpty());
        OptionalLong exp = numericDate(claims, "exp");
        OptionalLong iat = numericDate(claims, "iat");
        OptionalLong nbf = numericDate(claims, "nbf");
        Optional<List<String>> groups = groups(claims);
        if (sub.isEmpty() || exp.isEmpty() || iat.isEmpty() || (claims.has("nbf") && nbf.isEmpty())
                || groups.isEmpty()) {
            return rejected(RejectionCode.MALFORMED, "a claim is missing or of the wrong type");
        }
        JWTClaimsSet.Builder set = new JWTClaimsSet.Builder()
                .issuer(issuer.get())
                .subject(sub.get())
                .expirationTime(new Date(exp.getAsLong() * 1000L))
                .issueTime(new Date(iat.getAsLong() * 1000L))
                .claim("token_use", use.get().claimValue());
        if (use.get() == TokenUse.ID) {
            set.audience(audience.get());
        }
        Set<String> acceptedAudience = use.get() == TokenUse.ID ? new HashSet<>(config.clientIds()) : null;
        DefaultJWTClaimsVerifier<SecurityContext> standard = new DefaultJWTClaimsVerifier<>(acceptedAudience,
                new JWTClaimsSet.Builder().issuer(config.issuer()).build(), Set.of("iss", "sub", "exp", "iat"),
                null) {
            @Override
            protected Date currentTime() {
                return new Date(nowMillis);
            }
        };
        standard.setMaxClockSkew(config.clockSkewSeconds());
        try {
            standard.verify(set.build(), null);
        } catch (BadJWTException e) {
            // Issuer and audience passed above, so what nimbus still refuses here is the expiry.
            return rejected(e.getMessage() != null && e.getMessage().contains("xpired") ? RejectionCode.EXPIRED
                    : RejectionCode.MALFORMED, "nimbus: " + e.getMessage());
        }
        long skewMillis = config.clockSkewSeconds() * 1000L;
        if (iat.getAsLong() * 1000L > nowMillis + skewMillis) {
            return rejected(RejectionCode.NOT_YET_VALID, "issued in the future");
        }
        if (nbf.isPresent() && nbf.getAsLong() * 1000L > nowMillis + skewMillis) {
            return rejected(RejectionCode.NOT_YET_VALID, "not valid yet");
        }
        String usernameClaim = use.get() == TokenUse.ID ? "cognito:username" : "username";
        return new Verification.Verified(new Identity(sub.get(), use.get(), audience.get(), groups.get(),
                new TokenTimes(exp.getAsLong(), iat.getAsLong(),
                        nbf.isPresent() ? nbf.getAsLong() : TokenTimes.NO_NOT_BEFORE), text(claims, usernameClaim),
                use.get() == TokenUse.ID ? text(claims, "email") : Optional.empty()));
    }

    /** Unpadded base64url that re-encodes to itself: one spelling per byte string. */
    private static boolean isCanonicalBase64Url(String part) {
        if (!SEGMENT.matcher(part).matches() || part.length() % 4 == 1) {
            return false;
        }
        byte[] bytes = java.util.Base64.getUrlDecoder().decode(part);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(part);
    }

    /** Strict UTF-8, as the contract says: bytes that are not UTF-8 are no JSON at all. */
    private static Optional<JsonNode> jsonObject(String segment) {
        return JvmPlatform.strictUtf8(Base64URL.from(segment).decode()).flatMap(JvmPlatform::parse)
                .filter(JsonNode::isObject);
    }

    private static Optional<String> text(JsonNode claims, String name) {
        JsonNode value = claims.get(name);
        return value != null && value.isTextual() ? Optional.of(value.textValue()) : Optional.empty();
    }

    /** Whole seconds of a NumericDate in 1970…9999 (fractions truncated); empty if absent or anything else. */
    private static OptionalLong numericDate(JsonNode claims, String name) {
        JsonNode value = claims.get(name);
        if (value == null || !value.isNumber()) {
            return OptionalLong.empty();
        }
        double seconds = value.doubleValue();
        return seconds >= 0 && seconds <= MAX_NUMERIC_DATE ? OptionalLong.of((long) Math.floor(seconds))
                : OptionalLong.empty();
    }

    /** {@code cognito:groups}: absent → none; an array of strings → those; anything else → empty (reject). */
    private static Optional<List<String>> groups(JsonNode claims) {
        JsonNode value = claims.get("cognito:groups");
        List<String> groups = new ArrayList<>();
        if (value == null) {
            return Optional.of(groups);
        }
        if (!value.isArray()) {
            return Optional.empty();
        }
        for (JsonNode group : value) {
            if (!group.isTextual()) {
                return Optional.empty();
            }
            groups.add(group.textValue());
        }
        return Optional.of(groups);
    }

    private static Verification rejected(RejectionCode code, String reason) {
        return new Verification.Rejected(code, reason);
    }
}
