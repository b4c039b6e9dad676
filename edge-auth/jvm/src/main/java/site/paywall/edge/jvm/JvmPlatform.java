package site.paywall.edge.jvm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import site.paywall.edge.core.DecisionLine;
import site.paywall.edge.core.Json;
import site.paywall.edge.core.Platform;
import site.paywall.edge.core.encoding.Base64Url;

/**
 * The seam on the JVM: Jackson for JSON, java.util.Base64, JCA for RSA and SHA-256, SecureRandom, and an injectable
 * clock, log and randomness.
 */
public final class JvmPlatform implements Platform {

    /**
     * Strict RFC 8259, as JSON.parse: no comments, no trailing tokens, duplicate names last-wins. Jackson's default
     * limits on depth and number length are lifted because JSON.parse has none within a token's size.
     */
    public static final ObjectMapper STRICT_JSON = JsonMapper.builder()
            .disable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_SINGLE_QUOTES,
                    JsonReadFeature.ALLOW_TRAILING_COMMA, JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    static {
        STRICT_JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(1_000_000).maxNumberLength(1_000_000).build());
    }

    private static final SecureRandom SECURE_RANDOM = new SecureRandom();

    private final LongSupplier clock;
    private final Consumer<String> log;
    private final IntFunction<byte[]> random;

    /** Secure randomness; the clock and log given. */
    public JvmPlatform(LongSupplier clockMillis, Consumer<String> log) {
        this(clockMillis, log, JvmPlatform::secureRandomBytes);
    }

    /** {@code random} gives n random bytes: tests pass a {@link PinnedRandom} so every engine draws the same. */
    public JvmPlatform(LongSupplier clockMillis, Consumer<String> log, IntFunction<byte[]> random) {
        this.clock = clockMillis;
        this.log = log;
        this.random = random;
    }

    private static byte[] secureRandomBytes(int count) {
        byte[] bytes = new byte[count];
        SECURE_RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** Wall clock, log lines to stderr. */
    public static JvmPlatform system() {
        return new JvmPlatform(System::currentTimeMillis, System.err::println);
    }

    @Override
    public Optional<Json> parseJson(String text) {
        return parse(text).map(JacksonJson::new);
    }

    /** Parses strict JSON; empty when it is not. */
    public static Optional<JsonNode> parse(String text) {
        try {
            JsonNode node = STRICT_JSON.readTree(text);
            return node == null || node.isMissingNode() ? Optional.empty() : Optional.of(node);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<Json> parseBase64UrlJson(String segment) {
        try {
            return strictUtf8(Base64.getUrlDecoder().decode(segment)).flatMap(this::parseJson);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The text of UTF-8 bytes; empty when they are not valid UTF-8 (never a replacement character). */
    public static Optional<String> strictUtf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString());
        } catch (java.nio.charset.CharacterCodingException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean isBase64UrlAlphabet(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean inAlphabet = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_';
            if (!inAlphabet) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Optional<PublicKeyHandle> importRsaPublicKey(Json jwk) {
        Optional<byte[]> n = jwk.string("n").flatMap(Base64Url::decode);
        Optional<byte[]> e = jwk.string("e").flatMap(Base64Url::decode);
        if (n.isEmpty() || e.isEmpty()) {
            return Optional.empty();
        }
        try {
            PublicKey key = KeyFactory.getInstance("RSA").generatePublic(
                    new RSAPublicKeySpec(new BigInteger(1, n.get()), new BigInteger(1, e.get())));
            return Optional.of(new JcaKey(key));
        } catch (java.security.GeneralSecurityException ex) {
            return Optional.empty();
        }
    }

    @Override
    public boolean verifyRs256(PublicKeyHandle key, String signingInput, String signatureBase64Url) {
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(((JcaKey) key).key);
            rsa.update(signingInput.getBytes(StandardCharsets.ISO_8859_1));
            return rsa.verify(Base64.getUrlDecoder().decode(signatureBase64Url));
        } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public double nowMillis() {
        return clock.getAsLong();
    }

    @Override
    public String randomBase64Url(int bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random.apply(bytes));
    }

    @Override
    public String sha256Base64Url(String ascii) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(ascii.getBytes(StandardCharsets.ISO_8859_1)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    @Override
    public Json newObject() {
        return new JacksonJson(JsonNodeFactory.instance.objectNode());
    }

    @Override
    public Json newArray() {
        return new JacksonJson(JsonNodeFactory.instance.arrayNode());
    }

    @Override
    public Json string(String value) {
        return new JacksonJson(JsonNodeFactory.instance.textNode(value));
    }

    @Override
    public Json integer(long value) {
        return new JacksonJson(JsonNodeFactory.instance.numberNode(value));
    }

    @Override
    public String stringify(Json value) {
        try {
            return STRICT_JSON.writeValueAsString(((JacksonJson) value).node());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }

    /** Jackson trees cannot be frozen; the JVM engines and tools only read (or copy) what the core returns. */
    @Override
    public Json freeze(Json value) {
        return value;
    }

    @Override
    public void logDecision(DecisionLine line) {
        log(line.toJson(this));
    }

    @Override
    public void log(String line) {
        log.accept(line);
    }

    private record JcaKey(PublicKey key) implements PublicKeyHandle { }
}
