package site.paywall.edge.core.testing;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import site.paywall.edge.core.DecisionLine;
import site.paywall.edge.core.Json;
import site.paywall.edge.core.Platform;
import site.paywall.edge.core.encoding.Base64Url;

/**
 * The seam for the core's own tests: {@link TestJson}, the JDK's crypto, a clock the test sets, counted "random"
 * bytes and a log the test reads. Nothing runtime-specific is tested here — the conformance module holds Node and
 * the JVM reference to the contract — this only lets the core's logic run in seconds.
 */
public final class TestPlatform implements Platform {

    public long now;
    public final List<String> log = new ArrayList<>();
    private int draws;

    public TestPlatform(long nowMillis) {
        this.now = nowMillis;
    }

    @Override
    public Optional<Json> parseJson(String text) {
        return TestJson.parse(text);
    }

    @Override
    public Optional<Json> parseBase64UrlJson(String segment) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Base64.getUrlDecoder().decode(segment))).toString();
            return TestJson.parse(text);
        } catch (CharacterCodingException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean isBase64UrlAlphabet(String text) {
        return text.matches("[A-Za-z0-9_-]*");
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
            return Optional.of(new Key(key));
        } catch (GeneralSecurityException ex) {
            return Optional.empty();
        }
    }

    @Override
    public boolean verifyRs256(PublicKeyHandle key, String signingInput, String signature) {
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(((Key) key).key);
            rsa.update(signingInput.getBytes(StandardCharsets.ISO_8859_1));
            return rsa.verify(Base64.getUrlDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public double nowMillis() {
        return now;
    }

    /** Not random: draw k is k repeated, so a test can predict a state or verifier. */
    @Override
    public String randomBase64Url(int bytes) {
        byte[] out = new byte[bytes];
        java.util.Arrays.fill(out, (byte) draws++);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    }

    @Override
    public String sha256Base64Url(String ascii) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(ascii.getBytes(StandardCharsets.ISO_8859_1)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Json newObject() {
        return TestJson.object();
    }

    @Override
    public Json newArray() {
        return TestJson.array();
    }

    @Override
    public Json string(String value) {
        return TestJson.of(value);
    }

    @Override
    public Json integer(long value) {
        return TestJson.of((double) value);
    }

    @Override
    public String stringify(Json value) {
        return ((TestJson) value).stringify();
    }

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
        log.add(line);
    }

    private record Key(PublicKey key) implements PublicKeyHandle { }
}
