package site.paywall.edge.conformance.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import site.paywall.edge.conformance.fuzz.Signer.SigningKey;
import site.paywall.edge.jvm.JvmPlatform;

/**
 * The fuzzer's own judgement of a token against the decision contract, written from the contract's text rather
 * than from either engine: compact form, header (alg RS256, a kid of the JWKS, no crit), a genuine signature by
 * that kid's key over exactly this signing input (known from the case's {@link Signer.Ledger}), then the claims.
 */
public final class TokenModel {

    /** The verdict on one token at one instant. */
    public sealed interface Verdict permits Verdict.Valid, Verdict.Invalid, Verdict.Unknown {
        /** Verifies; {@code groups} are its cognito:groups (none when absent). */
        record Valid(List<String> groups) implements Verdict { }

        /** Refused; {@code byClaims}: the signature held and a claim rule refused it (the deep path). */
        record Invalid(String why, boolean byClaims) implements Verdict { }

        /** The model cannot judge (a replayed case: its signatures are not in any ledger). */
        record Unknown(String why) implements Verdict { }
    }

    static final int MAX_TOKEN = 8192;
    /** 9999-12-31T23:59:59Z, the contract's upper bound for exp/iat/nbf. */
    static final double MAX_NUMERIC_DATE = 253_402_300_799d;
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private final String issuer;
    private final Set<String> clientIds;
    private final Set<String> tokenUses;
    private final Set<String> kids;
    private final long skewMillis;

    public TokenModel(JsonNode config) {
        this.issuer = config.has("issuer") ? config.get("issuer").textValue()
                : "https://cognito-idp." + config.get("region").textValue() + ".amazonaws.com/"
                        + config.get("userPoolId").textValue();
        this.clientIds = strings(config.get("clientIds"));
        this.tokenUses = config.has("tokenUse") ? strings(config.get("tokenUse")) : Set.of("id", "access");
        List<String> kidList = new ArrayList<>();
        config.get("jwks").get("keys").forEach(k -> {
            if (usable(k)) {
                kidList.add(k.get("kid").textValue());
            }
        });
        this.kids = Set.copyOf(kidList);
        this.skewMillis = (config.has("clockSkewSeconds") ? config.get("clockSkewSeconds").asLong() : 60) * 1000L;
    }

    /**
     * An RS256 signing key: RSA, a string kid, and use and alg either absent or exactly "sig" and "RS256" — a
     * present null or any other value makes the entry one to skip (README, Configuration: jwks).
     */
    private static boolean usable(JsonNode key) {
        return "RSA".equals(key.path("kty").textValue()) && key.path("kid").isTextual()
                && (!key.has("use") || "sig".equals(key.get("use").textValue()))
                && (!key.has("alg") || "RS256".equals(key.get("alg").textValue()));
    }

    private static Set<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.textValue()));
        return Set.copyOf(out);
    }

    public Verdict judge(String token, long nowMillis, Signer.Ledger ledger) {
        if (token.length() > MAX_TOKEN) {
            return invalid("longer than 8192 characters");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return invalid("not three segments");
        }
        List<byte[]> decoded = new ArrayList<>();
        for (String part : parts) {
            Optional<byte[]> bytes = strictBase64Url(part);
            if (bytes.isEmpty()) {
                return invalid("a segment is not canonical unpadded base64url");
            }
            decoded.add(bytes.get());
        }
        Optional<JsonNode> header = jsonObject(decoded.get(0));
        if (header.isEmpty()) {
            return invalid("header is not a JSON object");
        }
        JsonNode alg = header.get().get("alg");
        if (alg == null || !alg.isTextual() || !alg.textValue().equals("RS256")) {
            return invalid("alg is not RS256");
        }
        if (header.get().has("crit")) {
            return invalid("crit present");
        }
        JsonNode kid = header.get().get("kid");
        if (kid == null || !kid.isTextual() || !kids.contains(kid.textValue())) {
            return invalid("kid missing or not in the JWKS");
        }
        String signingInput = parts[0] + "." + parts[1];
        Map<SigningKey, byte[]> signed = ledger.signaturesOf(signingInput);
        if (signed.isEmpty() && ledger == REPLAY) {
            return new Verdict.Unknown("signature not judged on replay");
        }
        boolean genuine = signed.entrySet().stream().anyMatch(e -> e.getKey().verifyingKid.equals(kid.textValue())
                && Arrays.equals(e.getValue(), decoded.get(2)));
        if (!genuine) {
            return invalid("no signature by the kid's key over this signing input");
        }
        Optional<JsonNode> payload = jsonObject(decoded.get(1));
        if (payload.isEmpty()) {
            return invalid("payload is not a JSON object");
        }
        return claims(payload.get(), nowMillis);
    }

    /** Marks a ledger-less judgement (replay), where signatures cannot be told apart. */
    public static final Signer.Ledger REPLAY = Signer.Ledger.empty();

    Verdict claims(JsonNode claims, long nowMillis) {
        if (!text(claims, "iss").equals(Optional.of(issuer))) {
            return claimInvalid("iss");
        }
        Optional<String> use = text(claims, "token_use");
        if (use.isEmpty() || !(use.get().equals("id") || use.get().equals("access"))
                || !tokenUses.contains(use.get())) {
            return claimInvalid("token_use");
        }
        Optional<String> audience = text(claims, use.get().equals("id") ? "aud" : "client_id");
        if (audience.isEmpty() || !clientIds.contains(audience.get())) {
            return claimInvalid("aud/client_id");
        }
        if (text(claims, "sub").orElse("").isEmpty()) {
            return claimInvalid("sub");
        }
        Optional<Long> exp = numericDate(claims.get("exp"));
        Optional<Long> iat = numericDate(claims.get("iat"));
        if (exp.isEmpty() || iat.isEmpty()) {
            return claimInvalid("exp/iat missing or not a NumericDate in 1970..9999");
        }
        Optional<Long> nbf = Optional.empty();
        if (claims.has("nbf")) {
            nbf = numericDate(claims.get("nbf"));
            if (nbf.isEmpty()) {
                return claimInvalid("nbf not a NumericDate in 1970..9999");
            }
        }
        List<String> groups = new ArrayList<>();
        JsonNode groupClaim = claims.get("cognito:groups");
        if (groupClaim != null) {
            if (!groupClaim.isArray()) {
                return claimInvalid("cognito:groups not an array");
            }
            for (JsonNode g : groupClaim) {
                if (!g.isTextual()) {
                    return claimInvalid("cognito:groups holds a non-string");
                }
                groups.add(g.textValue());
            }
        }
        if (nowMillis >= exp.get() * 1000 + skewMillis) {
            return claimInvalid("expired");
        }
        if (iat.get() * 1000 > nowMillis + skewMillis) {
            return claimInvalid("iat in the future");
        }
        if (nbf.isPresent() && nbf.get() * 1000 > nowMillis + skewMillis) {
            return claimInvalid("nbf in the future");
        }
        return new Verdict.Valid(List.copyOf(groups));
    }

    /** Whole seconds of a JSON number in 0..9999-12-31 (fraction truncated); empty for anything else. */
    private static Optional<Long> numericDate(JsonNode value) {
        if (value == null || !value.isNumber()) {
            return Optional.empty();
        }
        double seconds = value.doubleValue();
        if (Double.isNaN(seconds) || seconds < 0 || seconds > MAX_NUMERIC_DATE) {
            return Optional.empty();
        }
        return Optional.of((long) Math.floor(seconds));
    }

    private static Optional<String> text(JsonNode claims, String name) {
        JsonNode value = claims.get(name);
        return value != null && value.isTextual() ? Optional.of(value.textValue()) : Optional.empty();
    }

    /**
     * RFC 4648 §5 without padding, strictly: only the alphabet, a length that is not 1 mod 4, and zero bits in the
     * unused low bits of the last character (RFC 4648 §3.5) — so each byte string has exactly one encoding and a
     * token cannot be altered after signing without breaking it.
     */
    static Optional<byte[]> strictBase64Url(String segment) {
        int length = segment.length();
        if (length == 0 || length % 4 == 1) {
            return Optional.empty();
        }
        for (int i = 0; i < length; i++) {
            if (ALPHABET.indexOf(segment.charAt(i)) < 0) {
                return Optional.empty();
            }
        }
        int last = ALPHABET.indexOf(segment.charAt(length - 1));
        if ((length % 4 == 2 && (last & 0x0f) != 0) || (length % 4 == 3 && (last & 0x03) != 0)) {
            return Optional.empty();
        }
        return Optional.of(java.util.Base64.getUrlDecoder().decode(segment));
    }

    /**
     * The segment's bytes as strict UTF-8 parsed as strict JSON: bytes that are not UTF-8 are no JSON at all (the
     * runtimes' replacement characters differed, so the contract refuses them rather than reading them one way).
     */
    private static Optional<JsonNode> jsonObject(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            return JvmPlatform.parse(text).filter(JsonNode::isObject);
        } catch (java.nio.charset.CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static Verdict invalid(String why) {
        return new Verdict.Invalid(why, false);
    }

    private static Verdict claimInvalid(String why) {
        return new Verdict.Invalid(why, true);
    }
}
