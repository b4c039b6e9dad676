package site.paywall.edge.core.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import site.paywall.edge.core.Json;
import site.paywall.edge.core.encoding.Base64Url;

/**
 * Picks the usable RS256 signing keys out of a JWKS. Keys of another type or purpose (EC, {@code use: "enc"},
 * {@code alg} other than RS256, {@code use} or {@code alg} not a string, no {@code kid}) are skipped: a token can
 * never name them. An RSA key meant for RS256 that is broken (bad modulus, short key) is a problem, not a skip, and
 * so is a kid that two keys share, whatever they are.
 */
final class JwksParser {

    /** 2048 bits: Cognito's size, and the floor RFC 7518 §3.3 sets for RS256. */
    private static final int MIN_MODULUS_BITS = 2048;
    private static final int MAX_MODULUS_BITS = 8192;

    private JwksParser() { }

    static List<SigningKey> parse(Json jwks, String key, List<String> problems) {
        List<SigningKey> usable = new ArrayList<>();
        if (!jwks.isObject()) {
            problems.add(key + ": must be a JWKS object {\"keys\": [...]}");
            return usable;
        }
        Optional<Json> keys = jwks.get("keys");
        if (keys.isEmpty() || !keys.get().isArray()) {
            problems.add(key + ".keys: must be an array of JWKs");
            return usable;
        }
        Set<String> kids = new HashSet<>();
        int before = problems.size();
        for (int i = 0; i < keys.get().length(); i++) {
            String where = key + ".keys[" + i + "]";
            Json jwk = keys.get().at(i);
            if (!jwk.isObject()) {
                problems.add(where + ": must be an object");
                continue;
            }
            // A kid names one key, whatever the key: two keys under one kid (even one we would skip) leave the
            // choice to whoever reads the set, and verifiers that pick differently disagree.
            Optional<String> kid = jwk.string("kid");
            if (kid.isPresent() && !kids.add(kid.get())) {
                problems.add(where + ": duplicate kid \"" + kid.get() + "\"");
                continue;
            }
            if (!isMeantForRs256(jwk)) {
                continue;
            }
            Optional<String> broken = rsaProblem(jwk);
            if (broken.isPresent()) {
                problems.add(where + " (kid \"" + kid.orElse("") + "\"): " + broken.get());
                continue;
            }
            usable.add(new SigningKey(kid.orElseThrow(), jwk));
        }
        if (usable.isEmpty() && problems.size() == before) {
            problems.add(key + ": no usable RS256 key (need kty \"RSA\", a kid, n and e; use \"sig\" and alg \"RS256\""
                    + " when given)");
        }
        return usable;
    }

    private static boolean isMeantForRs256(Json jwk) {
        return "RSA".equals(jwk.string("kty").orElse(null))
                && !jwk.string("kid").orElse("").isEmpty()
                && jwk.string("use").map("sig"::equals).orElse(jwk.get("use").isEmpty())
                && jwk.string("alg").map("RS256"::equals).orElse(jwk.get("alg").isEmpty());
    }

    private static Optional<String> rsaProblem(Json jwk) {
        Optional<byte[]> modulus = jwk.string("n").flatMap(Base64Url::decode);
        if (modulus.isEmpty()) {
            return Optional.of("n: missing or not base64url");
        }
        int bits = bitLength(modulus.get());
        if (bits < MIN_MODULUS_BITS || bits > MAX_MODULUS_BITS) {
            return Optional.of("n: a " + bits + "-bit modulus; RS256 keys here must have " + MIN_MODULUS_BITS + " to "
                    + MAX_MODULUS_BITS + " bits");
        }
        Optional<byte[]> exponent = jwk.string("e").flatMap(Base64Url::decode);
        if (exponent.isEmpty()) {
            return Optional.of("e: missing or not base64url");
        }
        byte[] e = exponent.get();
        int eBits = bitLength(e);
        if (eBits < 2 || eBits > 32 || (e[e.length - 1] & 1) == 0) {
            return Optional.of("e: must be an odd public exponent of 2 to 32 bits (usually AQAB = 65537)");
        }
        return Optional.empty();
    }

    private static int bitLength(byte[] bigEndian) {
        for (int i = 0; i < bigEndian.length; i++) {
            int b = bigEndian[i] & 0xff;
            if (b != 0) {
                return (bigEndian.length - i - 1) * 8 + (32 - Integer.numberOfLeadingZeros(b));
            }
        }
        return 0;
    }
}
