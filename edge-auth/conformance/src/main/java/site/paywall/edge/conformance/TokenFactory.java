package site.paywall.edge.conformance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import site.paywall.edge.jvm.JvmPlatform;

/**
 * Builds Cognito-shaped tokens for tests: claims as Cognito issues them, signed RS256 with a test key. The header
 * and payload are taken as raw text too, so tests can sign JSON no serializer would write.
 */
public final class TokenFactory {

    private final TestKeys keys;

    public TokenFactory(TestKeys keys) {
        this.keys = keys;
    }

    public TestKeys keys() {
        return keys;
    }

    /** The header Cognito writes: {@code {"kid": …, "alg": "RS256"}}. */
    public static ObjectNode header(String kid) {
        ObjectNode header = JvmPlatform.STRICT_JSON.createObjectNode();
        header.put("kid", kid);
        header.put("alg", "RS256");
        return header;
    }

    /** The claims of a Cognito ID token for {@code sub}, valid for an hour from {@code nowSeconds}. */
    public static ObjectNode idClaims(TestSite site, String sub, long nowSeconds, String... groups) {
        ObjectNode claims = JvmPlatform.STRICT_JSON.createObjectNode();
        claims.put("sub", sub);
        if (groups.length > 0) {
            ArrayNode list = claims.putArray("cognito:groups");
            for (String group : groups) {
                list.add(group);
            }
        }
        claims.put("email_verified", true);
        claims.put("iss", site.issuer());
        claims.put("cognito:username", sub);
        claims.put("origin_jti", "0b1c2d3e-origin-" + sub);
        claims.put("aud", site.clientId());
        claims.put("event_id", "4f5e6d7c-event-" + sub);
        claims.put("token_use", "id");
        claims.put("auth_time", nowSeconds - 60);
        claims.put("exp", nowSeconds + 3600);
        claims.put("iat", nowSeconds - 60);
        claims.put("jti", "8a9b0c1d-jti-" + sub);
        claims.put("email", sub + "@example.com");
        return claims;
    }

    /** The claims of a Cognito access token for {@code sub}, valid for an hour from {@code nowSeconds}. */
    public static ObjectNode accessClaims(TestSite site, String sub, long nowSeconds, String... groups) {
        ObjectNode claims = JvmPlatform.STRICT_JSON.createObjectNode();
        claims.put("sub", sub);
        if (groups.length > 0) {
            ArrayNode list = claims.putArray("cognito:groups");
            for (String group : groups) {
                list.add(group);
            }
        }
        claims.put("iss", site.issuer());
        claims.put("client_id", site.clientId());
        claims.put("origin_jti", "0b1c2d3e-origin-" + sub);
        claims.put("event_id", "4f5e6d7c-event-" + sub);
        claims.put("token_use", "access");
        claims.put("scope", "openid email profile");
        claims.put("auth_time", nowSeconds - 60);
        claims.put("exp", nowSeconds + 3600);
        claims.put("iat", nowSeconds - 60);
        claims.put("jti", "8a9b0c1d-jti-" + sub);
        claims.put("username", sub);
        return claims;
    }

    /** A compact JWS over the serialised header and claims. */
    public String sign(JsonNode header, JsonNode claims, PrivateKey key) {
        return signRaw(json(header), json(claims), key);
    }

    /** A compact JWS over exactly these header and payload texts. */
    public String signRaw(String headerText, String payloadText, PrivateKey key) {
        String signingInput = base64Url(headerText) + "." + base64Url(payloadText);
        return signingInput + "." + signature(signingInput, key);
    }

    /** The base64url RS256 signature of a signing input. */
    public static String signature(String signingInput, PrivateKey key) {
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign", e);
        }
    }

    public static String base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String json(JsonNode node) {
        try {
            return JvmPlatform.STRICT_JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
