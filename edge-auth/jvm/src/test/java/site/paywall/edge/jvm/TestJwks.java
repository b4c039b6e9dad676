package site.paywall.edge.jvm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;

/** A JWKS with one fresh RSA key, and a minimal valid config around it, for the JVM module's own tests. */
public final class TestJwks {

    private TestJwks() { }

    public static ObjectNode rsaJwk(String kid, int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            RSAPublicKey key = (RSAPublicKey) generator.generateKeyPair().getPublic();
            ObjectNode jwk = JvmPlatform.STRICT_JSON.createObjectNode();
            jwk.put("kty", "RSA").put("kid", kid).put("alg", "RS256").put("use", "sig")
                    .put("n", unsigned(key.getModulus())).put("e", unsigned(key.getPublicExponent()));
            return jwk;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ObjectNode jwks(ObjectNode... keys) {
        ObjectNode jwks = JvmPlatform.STRICT_JSON.createObjectNode();
        var array = jwks.putArray("keys");
        for (ObjectNode key : keys) {
            array.add(key);
        }
        return jwks;
    }

    /** A config every validator accepts: pool, client, JWKS, three rules. */
    public static ObjectNode validConfig() {
        ObjectNode config = JvmPlatform.STRICT_JSON.createObjectNode();
        config.put("region", "us-east-1");
        config.put("userPoolId", "us-east-1_AbCdEf123");
        config.putArray("clientIds").add("client-1");
        config.putArray("tokenUse").add("id").add("access");
        config.put("clockSkewSeconds", 60);
        config.set("jwks", jwks(rsaJwk("k1", 2048)));
        config.putArray("rules")
                .add(rule("/premium/*").set("allow", JvmPlatform.STRICT_JSON.createArrayNode().add("paying-customers")))
                .add(rule("/account/*").put("allow", "signed-in"))
                .add(rule("/*").put("allow", "public"));
        return config;
    }

    private static ObjectNode rule(String path) {
        return JvmPlatform.STRICT_JSON.createObjectNode().put("path", path);
    }

    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        int skip = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOfRange(bytes, skip, bytes.length));
    }
}
