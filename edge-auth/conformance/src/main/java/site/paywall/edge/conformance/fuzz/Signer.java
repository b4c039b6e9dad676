package site.paywall.edge.conformance.fuzz;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import site.paywall.edge.conformance.TestKeys;
import site.paywall.edge.conformance.TokenFactory;

/**
 * Signs fuzz tokens with the test keys. Every signature made for a case is written to that case's {@link Ledger},
 * so the {@link ContractModel} can tell — without any RSA — whether a (possibly mutated) token carries a genuine
 * signature over exactly its signing input, and by which key: RSASSA-PKCS1-v1_5 is deterministic, so a signing
 * input has one signature per key, and a signing input nobody signed cannot verify short of an RSA forgery.
 * Signatures are cached (bounded) because RSA signing is the generator's main cost and base tokens repeat.
 */
public final class Signer {

    /** Which test key signed: the two in the bundled JWKS, or the outsider that is not. */
    public enum SigningKey {
        PRIMARY(TestKeys.PRIMARY_KID), SECONDARY(TestKeys.SECONDARY_KID), OUTSIDER("");

        /** The JWKS kid whose public key verifies this key's signatures; empty for the outsider. */
        public final String verifyingKid;

        SigningKey(String verifyingKid) {
            this.verifyingKid = verifyingKid;
        }
    }

    /** The signatures made for one case: signing input → key → signature bytes. */
    public static final class Ledger {
        private final Map<String, Map<SigningKey, byte[]>> signatures = new HashMap<>();

        void record(String signingInput, SigningKey key, byte[] signature) {
            signatures.computeIfAbsent(signingInput, k -> new HashMap<>()).put(key, signature);
        }

        /** The keys (with their signatures) that signed this exact signing input; empty when none did. */
        public Map<SigningKey, byte[]> signaturesOf(String signingInput) {
            return signatures.getOrDefault(signingInput, Map.of());
        }

        /** For a replayed case: no signature is known, so the model cannot judge signatures. */
        public static Ledger empty() {
            return new Ledger();
        }
    }

    private static final int CACHE_SIZE = 8192;

    private final TokenFactory tokens;
    private final Map<String, byte[]> cache = new LinkedHashMap<>(CACHE_SIZE, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    public Signer(TokenFactory tokens) {
        this.tokens = tokens;
    }

    /** A compact JWS over exactly these header and payload texts (UTF-8), signed as {@link TokenFactory#signRaw}. */
    public String signText(String headerText, String payloadText, SigningKey key, Ledger ledger) {
        return signInput(TokenFactory.base64Url(headerText) + "." + TokenFactory.base64Url(payloadText), key, ledger);
    }

    /** A compact JWS over arbitrary header and payload bytes (invalid UTF-8, a BOM, UTF-16…). */
    public String signBytes(byte[] header, byte[] payload, SigningKey key, Ledger ledger) {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        return signInput(encoder.encodeToString(header) + "." + encoder.encodeToString(payload), key, ledger);
    }

    /** A compact JWS over a signing input given as text. */
    public String signInput(String signingInput, SigningKey key, Ledger ledger) {
        String cacheKey = key.name() + ":" + signingInput;
        byte[] signature;
        synchronized (cache) {
            signature = cache.get(cacheKey);
        }
        if (signature == null) {
            String encoded = TokenFactory.signature(signingInput, privateKey(key));
            signature = Base64.getUrlDecoder().decode(encoded.getBytes(StandardCharsets.US_ASCII));
            synchronized (cache) {
                cache.put(cacheKey, signature);
            }
        }
        ledger.record(signingInput, key, signature);
        return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }

    private PrivateKey privateKey(SigningKey key) {
        switch (key) {
            case PRIMARY:
                return tokens.keys().primary();
            case SECONDARY:
                return tokens.keys().secondary();
            default:
                return tokens.keys().outsider();
        }
    }
}
