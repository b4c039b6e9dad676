package site.paywall.edge.conformance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import site.paywall.edge.jvm.JvmPlatform;

/**
 * RSA keys generated fresh by each test run (never committed): two in the bundled JWKS, as Cognito publishes two,
 * and an outsider that signs tokens no bundled key can verify.
 */
public final class TestKeys {

    public static final String PRIMARY_KID = "test-primary";
    public static final String SECONDARY_KID = "test-secondary";
    /** The outsider signs under a kid that is in the JWKS, to prove the kid alone buys nothing. */
    public static final String OUTSIDER_KID = PRIMARY_KID;

    private final KeyPair primary;
    private final KeyPair secondary;
    private final KeyPair outsider;

    private TestKeys(KeyPair primary, KeyPair secondary, KeyPair outsider) {
        this.primary = primary;
        this.secondary = secondary;
        this.outsider = outsider;
    }

    public static TestKeys generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new TestKeys(generator.generateKeyPair(), generator.generateKeyPair(), generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA key generation is unavailable", e);
        }
    }

    public PrivateKey primary() {
        return primary.getPrivate();
    }

    public PrivateKey secondary() {
        return secondary.getPrivate();
    }

    public PrivateKey outsider() {
        return outsider.getPrivate();
    }

    /** The JWKS a Cognito pool would publish for the primary and secondary keys. */
    public ObjectNode jwks() {
        ObjectNode jwks = JvmPlatform.STRICT_JSON.createObjectNode();
        ArrayNode keys = jwks.putArray("keys");
        keys.add(jwk(PRIMARY_KID, (RSAPublicKey) primary.getPublic()));
        keys.add(jwk(SECONDARY_KID, (RSAPublicKey) secondary.getPublic()));
        return jwks;
    }

    private static ObjectNode jwk(String kid, RSAPublicKey key) {
        ObjectNode jwk = JvmPlatform.STRICT_JSON.createObjectNode();
        jwk.put("alg", "RS256");
        jwk.put("e", base64Url(key.getPublicExponent()));
        jwk.put("kid", kid);
        jwk.put("kty", "RSA");
        jwk.put("n", base64Url(key.getModulus()));
        jwk.put("use", "sig");
        return jwk;
    }

    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        int skip = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
        byte[] unsigned = java.util.Arrays.copyOfRange(bytes, skip, bytes.length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(unsigned);
    }
}
