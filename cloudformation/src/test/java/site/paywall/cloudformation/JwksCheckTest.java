package site.paywall.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import site.paywall.testsupport.MotoServer;

/**
 * scripts/jwks-check against a real JWKS endpoint: moto's Cognito, which publishes each pool's JWKS at
 * /POOL_ID/.well-known/jwks.json (one key, kid "dummy"). The bundles are zips shaped like scripts/edge-bundle's:
 * config.json with the JWKS inlined.
 */
class JwksCheckTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static MotoServer moto;
    private static String poolId;
    private static JsonNode liveJwks;

    @TempDir
    Path tmp;

    @BeforeAll
    static void poolInMoto() throws Exception {
        Proc.require("python3", "install Python 3");
        moto = MotoServer.start();
        Proc.Result created = Proc.run(List.of("aws", "--endpoint-url", moto.endpoint(), "cognito-idp",
                        "create-user-pool", "--pool-name", "shop-users", "--query", "UserPool.Id", "--output", "text"),
                Path.of("."), Duration.ofSeconds(60), MotoServer::dummyCredentials);
        assertEquals(0, created.exitCode(), created.describe());
        poolId = created.stdout().strip();
        HttpResponse<String> jwks = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(issuer() + "/.well-known/jwks.json")).build(),
                HttpResponse.BodyHandlers.ofString());
        liveJwks = JSON.readTree(jwks.body());
        assertEquals(1, liveJwks.path("keys").size(), "moto publishes one key: " + liveJwks);
    }

    @AfterAll
    static void stopMoto() {
        if (moto != null) {
            moto.close();
        }
    }

    private static String issuer() {
        return moto.endpoint() + "/" + poolId;
    }

    private String liveKid;

    @BeforeEach
    void kid() {
        liveKid = liveJwks.path("keys").get(0).path("kid").asText();
    }

    // ---- the checks -------------------------------------------------------------------------------------------------

    @Test
    void aBundleWithExactlyThePoolsKeysIsInSync() throws IOException {
        Proc.Result result = check("--bundle", bundle(liveJwks.path("keys").get(0)).toString());

        assertEquals(0, result.exitCode(), result.describe());
        assertTrue(result.stdout().startsWith("jwks-check: in sync: the bundle has the pool's 1 signing key(s) (kid "
                + liveKid + ")"), result.stdout());
    }

    @Test
    void aKeyThePoolSignsWithButTheBundleLacksIsUrgent() throws IOException {
        Proc.Result result = check("--bundle", bundle(rsaKey("2024-key")).toString());

        assertEquals(10, result.exitCode(), result.describe());
        assertEquals(1, result.stderr().lines().count(), "one line: " + result.stderr());
        assertTrue(result.stderr().contains("the pool signs with key(s) the bundle lacks: kid " + liveKid),
                result.stderr());
        assertTrue(result.stderr().contains("it also still trusts key(s) the pool dropped: kid 2024-key"),
                result.stderr());
        assertTrue(result.stderr().contains("Rebuild and deploy now (scripts/deploy)"), result.stderr());
    }

    @Test
    void aKeyTheBundleKeepsButThePoolDroppedIsReportedOnItsOwn() throws IOException {
        Proc.Result result = check("--bundle", bundle(liveJwks.path("keys").get(0), rsaKey("retired-key")).toString());

        assertEquals(11, result.exitCode(), result.describe());
        assertTrue(result.stderr().contains("the bundle still trusts key(s) the pool no longer publishes:"
                + " kid retired-key"), result.stderr());
    }

    @Test
    void theSameKidWithOtherKeyMaterialCountsAsANewKey() throws IOException {
        Proc.Result result = check("--bundle", bundle(rsaKey(liveKid)).toString());

        assertEquals(10, result.exitCode(), result.describe());
        assertTrue(result.stderr().contains("lacks: kid " + liveKid), result.stderr());
    }

    @Test
    void keysTheAuthorizerWouldSkipDoNotCount() throws IOException {
        ObjectNode encryption = rsaKey("enc-key").put("use", "enc");
        ObjectNode otherAlgorithm = rsaKey("rs512-key").put("alg", "RS512");

        Proc.Result result = check("--bundle",
                bundle(liveJwks.path("keys").get(0), encryption, otherAlgorithm).toString());

        assertEquals(0, result.exitCode(), result.describe());
    }

    @Test
    void theSiteConfigNamesThePoolAndTheBundleCanBeItsDirectory() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("lambda-edge"));
        Files.writeString(dir.resolve("config.json"), bundleConfig(liveJwks.path("keys").get(0)).toString());
        Path site = Files.writeString(tmp.resolve("site.json"), JSON.createObjectNode().put("region", "us-east-1")
                .put("userPoolId", poolId).put("issuer", issuer()).toString());

        Proc.Result result = check("--config", site.toString(), "--bundle", dir.toString());

        assertEquals(0, result.exitCode(), result.describe());
    }

    @Test
    void aConfigForAnotherPoolThanTheBundleIsRefused() throws IOException {
        Path site = Files.writeString(tmp.resolve("site.json"), JSON.createObjectNode().put("region", "us-east-1")
                .put("userPoolId", "us-east-1_Other1234").toString());

        Proc.Result result = check("--config", site.toString(),
                "--bundle", bundle(liveJwks.path("keys").get(0)).toString());

        assertEquals(5, result.exitCode(), result.describe());
        assertTrue(result.stderr().contains("is for user pool us-east-1/us-east-1_Other1234 but the bundle"),
                result.stderr());
    }

    @Test
    void anUnreachablePoolIsAFetchFailureNotAVerdict() throws IOException {
        int closed;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = probe.getLocalPort();
        }
        Proc.Result result = check("--bundle", bundle(liveJwks.path("keys").get(0)).toString(),
                "--jwks-url", "http://127.0.0.1:" + closed + "/" + poolId + "/.well-known/jwks.json", "--timeout", "5");

        assertEquals(6, result.exitCode(), result.describe());
        assertTrue(result.stderr().contains("cannot fetch the JWKS from http://127.0.0.1:" + closed), result.stderr());
    }

    @Test
    void plainHttpIsOnlyForLocalhost() throws IOException {
        Proc.Result result = check("--bundle", bundle(liveJwks.path("keys").get(0)).toString(),
                "--jwks-url", "http://cognito-idp.us-east-1.amazonaws.com/x/.well-known/jwks.json");

        assertEquals(2, result.exitCode(), result.describe());
        assertTrue(result.stderr().contains("must be https"), result.stderr());
    }

    @Test
    void aMissingOrForeignBundleIsNamed() throws IOException {
        Proc.Result missing = check("--bundle", tmp.resolve("nope.zip").toString());
        assertEquals(5, missing.exitCode(), missing.describe());
        assertTrue(missing.stderr().contains("cannot read bundle"), missing.stderr());

        Path noJwks = Files.writeString(tmp.resolve("config.json"),
                "{\"region\": \"us-east-1\", \"userPoolId\": \"" + poolId + "\"}");
        Proc.Result plain = check("--bundle", noJwks.toString());
        assertEquals(5, plain.exitCode(), plain.describe());
        assertTrue(plain.stderr().contains("holds no inlined JWKS"), plain.stderr());
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        Proc.Result result = check("--frobnicate");
        assertEquals(2, result.exitCode(), result.describe());
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private Proc.Result check(String... args) {
        List<String> command = new ArrayList<>(List.of("python3", Repo.script("jwks-check").toString()));
        command.addAll(List.of(args));
        return Proc.run(command, tmp, Duration.ofSeconds(60));
    }

    private ObjectNode bundleConfig(JsonNode... keys) {
        ObjectNode config = JSON.createObjectNode().put("region", "us-east-1").put("userPoolId", poolId)
                .put("issuer", issuer());
        config.putArray("clientIds").add("client");
        ArrayNode list = config.putObject("jwks").putArray("keys");
        for (JsonNode key : keys) {
            list.add(key);
        }
        return config;
    }

    /** A zip like scripts/edge-bundle's, whose config.json carries these keys. */
    private Path bundle(JsonNode... keys) throws IOException {
        Path zip = Files.createTempFile(tmp, "lambda-edge", ".zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("index.js"));
            z.write("exports.handler = () => {};".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
            z.putNextEntry(new ZipEntry("config.json"));
            z.write(bundleConfig(keys).toString().getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        return zip;
    }

    private static ObjectNode rsaKey(String kid) {
        byte[] modulus = new BigInteger(2048, new java.util.Random(kid.hashCode())).setBit(2047).toByteArray();
        return JSON.createObjectNode().put("kty", "RSA").put("kid", kid).put("alg", "RS256").put("use", "sig")
                .put("e", "AQAB").put("n", Base64.getUrlEncoder().withoutPadding().encodeToString(modulus));
    }
}
