package site.paywall.edge.core.testing;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

/** Configs for the core's tests: a valid one to start from, and RSA JWKs made with the JDK. */
public final class TestConfigs {

    private TestConfigs() { }

    private static TestJson k1;

    /** Region us-east-1, pool us-east-1_AbCdEf123, client "client-1", both token uses, one RS256 key "k1". */
    public static synchronized TestJson valid() {
        if (k1 == null) {
            k1 = rsaJwk("k1", 2048);
        }
        TestJson config = TestJson.json("""
                {"region": "us-east-1", "userPoolId": "us-east-1_AbCdEf123", "clientIds": ["client-1"],
                 "tokenUse": ["id", "access"], "clockSkewSeconds": 60,
                 "rules": [{"path": "/premium/*", "allow": ["paying-customers"]},
                           {"path": "/account/*", "allow": "signed-in"},
                           {"path": "/*", "allow": "public"}]}""");
        return config.set("jwks", jwks(k1.copy()));
    }

    public static TestJson jwks(TestJson... keys) {
        TestJson list = TestJson.array();
        for (TestJson key : keys) {
            list.append(key);
        }
        return TestJson.object().set("keys", list);
    }

    /** A fresh RSA public key of {@code bits} as a JWK meant for RS256. */
    public static TestJson rsaJwk(String kid, int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            RSAPublicKey key = (RSAPublicKey) generator.generateKeyPair().getPublic();
            return TestJson.object().set("kty", "RSA").set("kid", kid).set("use", "sig").set("alg", "RS256")
                    .set("n", unsigned(key.getModulus().toByteArray()))
                    .set("e", unsigned(key.getPublicExponent().toByteArray()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String unsigned(byte[] bytes) {
        int skip = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOfRange(bytes, skip,
                bytes.length));
    }
}
