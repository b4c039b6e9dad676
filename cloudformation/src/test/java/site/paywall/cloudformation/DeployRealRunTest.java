package site.paywall.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/deploy and scripts/destroy for real (no --dry-run), as far as this machine allows: CloudFormation, STS and
 * CloudFront are a recording stand-in (src/test/resources/fake-aws.sh) that answers with canned stack outputs, S3 is
 * the real AWS CLI against moto, and scripts/edge-bundle is a stand-in that writes a zip. What is checked is the
 * script's own work: reading outputs, writing the edge config, naming and uploading the zip, passing each stack the
 * outputs of the one before, uploading the site and invalidating what changed, and doing nothing twice; for destroy,
 * emptying the buckets, the order of deletion and the message when the edge stack must wait.
 */
class DeployRealRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POOL_ID = "eu-west-1_AbCdEf123";
    private static final String CLIENT_ID = "1example23456789abcdefghij";
    private static final String VERSION_ARN =
            "arn:aws:lambda:us-east-1:123456789012:function:shop-edge-viewer-request:1";
    private static final String DISTRIBUTION_DOMAIN = "d111111abcdef8.cloudfront.net";

    private static MotoServer moto;
    private static Path realAws;

    @TempDir
    Path tmp;
    private Path repo;
    private Path state;

    @BeforeAll
    static void startMoto() {
        realAws = Proc.require("aws", "install the AWS CLI (apt-get install awscli, or pip install awscli)");
        moto = MotoServer.start();
    }

    @AfterAll
    static void stopMoto() {
        if (moto != null) {
            moto.close();
        }
    }

    @BeforeEach
    void repositoryCopyWithStandIns() throws IOException, URISyntaxException {
        repo = tmp.resolve("repo");
        for (String part : List.of("scripts/deploy", "scripts/destroy", "scripts/deploy-lib",
                "cloudformation/templates", "static-site")) {
            copy(Repo.root().resolve(part), repo.resolve(part));
        }
        state = Files.createDirectories(tmp.resolve("fake-aws-state"));
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Files.copy(Path.of(DeployRealRunTest.class.getResource("/fake-aws.sh").toURI()), bin.resolve("aws"));
        executable(bin.resolve("aws"));
        Path bundler = repo.resolve("scripts/edge-bundle");
        Files.writeString(bundler, """
                #!/usr/bin/env bash
                # stand-in for scripts/edge-bundle: records its arguments, writes a zip that depends on the config
                set -euo pipefail
                printf '%s\\n' "$@" > "$FAKE_AWS_STATE/edge-bundle.args"
                [[ "$1" == --config && -f "$2" ]] || { echo "edge-bundle: --config FILE expected" >&2; exit 2; }
                repo=$(cd "$(dirname "$0")/.." && pwd)
                mkdir -p "$repo/edge-auth/target"
                { echo "fake bundle"; cat "$2"; } > "$repo/edge-auth/target/lambda-edge.zip"
                """);
        executable(bundler);
        moto.reset();
        for (String bucket : List.of("test-artifacts", "test-site")) {
            Proc.Result created = Proc.run(List.of(realAws.toString(), "--endpoint-url", moto.endpoint(), "s3api",
                    "create-bucket", "--bucket", bucket), tmp, Duration.ofSeconds(60), MotoServer::dummyCredentials);
            assertEquals(0, created.exitCode(), created.describe());
        }
    }

    private Proc.Result deploy() {
        Proc.Result result = run("deploy", Map.of(), "--stack-name", "shop", "--region", "eu-west-1");
        assertEquals(0, result.exitCode(), result.describe());
        return result;
    }

    private Proc.Result run(String script, Map<String, String> extraEnv, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("bash",
                repo.resolve("scripts").resolve(script).toString()));
        command.addAll(List.of(args));
        return Proc.run(command, tmp, Duration.ofMinutes(3), env -> {
            MotoServer.dummyCredentials(env);
            env.put("FAKE_AWS_STATE", state.toString());
            env.put("FAKE_AWS_MOTO", moto.endpoint());
            env.put("REAL_AWS", realAws.toString());
            env.put("PATH", tmp.resolve("bin") + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
            env.putAll(extraEnv);
        });
    }

    /** The four stacks exist and both buckets hold something, as after a deploy. */
    private void deployedState() throws IOException {
        for (String stack : List.of("shop-auth", "shop-artifacts", "shop-edge", "shop-site")) {
            Files.writeString(state.resolve(stack + ".deployed"), "");
        }
        Path file = Files.writeString(tmp.resolve("object.txt"), "content");
        for (String object : List.of("s3://test-site/index.html", "s3://test-site/premium/index.html",
                "s3://test-artifacts/lambda-edge/x.zip")) {
            Proc.Result put = Proc.run(List.of(realAws.toString(), "--endpoint-url", moto.endpoint(), "s3", "cp",
                            file.toString(), object),
                    tmp, Duration.ofSeconds(60), MotoServer::dummyCredentials);
            assertEquals(0, put.exitCode(), put.describe());
        }
    }

    /** Each `aws cloudformation deploy`, in order: stack name, then its parameter overrides. */
    private List<List<String>> deploys() throws IOException {
        return Files.readAllLines(state.resolve("deploys.log")).stream()
                .map(line -> Arrays.stream(line.trim().split(" ")).toList()).toList();
    }

    @Test
    void firstDeployPassesEachStackTheOutputsOfTheOneBefore() throws IOException {
        Proc.Result result = deploy();

        List<List<String>> deploys = deploys();
        assertEquals(List.of("shop-auth", "shop-artifacts", "shop-edge", "shop-site", "shop-auth"),
                deploys.stream().map(d -> d.get(0)).toList(), "stack order");
        assertFalse(deploys.get(0).stream().anyMatch(p -> p.startsWith("SiteDomain=")),
                "on a first deploy there is no distribution yet, so no callback domain: " + deploys.get(0));

        Path config = repo.resolve("target/deploy/shop/site.json");
        JsonNode site = JSON.readTree(config.toFile());
        assertEquals(POOL_ID, site.path("userPoolId").asText());
        assertEquals("eu-west-1", site.path("region").asText());
        assertEquals("[\"" + CLIENT_ID + "\"]", site.path("clientIds").toString());
        assertEquals("[\"paying-customers\"]", site.path("rules").get(0).path("allow").toString());
        assertTrue(Files.isRegularFile(Path.of(site.path("errorPages").path("401").asText())));
        assertEquals(List.of("--config", config.toString()), Files.readAllLines(state.resolve("edge-bundle.args")));

        byte[] zip = Files.readAllBytes(repo.resolve("edge-auth/target/lambda-edge.zip"));
        String hex = HexFormat.of().formatHex(sha256(zip));
        assertEquals(List.of("shop-edge", "CodeS3Bucket=test-artifacts", "CodeS3Key=lambda-edge/" + hex + ".zip",
                "CodeSha256=" + Base64.getEncoder().encodeToString(sha256(zip))), deploys.get(2));
        Map<String, String> artifacts = bucketMd5s("test-artifacts");
        assertEquals(Map.of("lambda-edge/" + hex + ".zip", HexFormat.of().formatHex(md5(zip))), artifacts,
                "the zip, uploaded under its hash");

        assertEquals(List.of("shop-site", "EdgeFunctionVersionArn=" + VERSION_ARN), deploys.get(3));
        assertEquals(List.of("shop-auth", "SiteDomain=" + DISTRIBUTION_DOMAIN), deploys.get(4));

        Map<String, String> siteObjects = bucketMd5s("test-site");
        assertTrue(siteObjects.containsKey("index.html")
                && siteObjects.containsKey("premium/downloads/sample-report.pdf"),
                "site uploaded: " + siteObjects.keySet());
        List<String> invalidated = Files.readAllLines(state.resolve("invalidated-paths.log"));
        assertTrue(invalidated.contains("/") && invalidated.contains("/premium/index.html"),
                "invalidated: " + invalidated);
        assertTrue(result.stdout().contains("https://" + DISTRIBUTION_DOMAIN + "/"), result.stdout());
    }

    @Test
    void secondDeployKeepsTheCallbackDomainAndHasNothingToUploadOrInvalidate() throws IOException {
        deploy();
        Files.delete(state.resolve("invalidated-paths.log"));

        Proc.Result again = deploy();

        List<List<String>> deploys = deploys();
        assertEquals(10, deploys.size());
        assertTrue(deploys.get(5).contains("SiteDomain=" + DISTRIBUTION_DOMAIN),
                "a re-run must not take the callback URLs away, even for a moment: " + deploys.get(5));
        assertEquals(deploys.get(2), deploys.get(7), "same bundle, same code key and hash, so no new function version");
        assertTrue(again.stdout().contains("0 uploaded, 0 deleted"), again.stdout());
        assertTrue(again.stdout().contains("nothing changed, nothing to invalidate"), again.stdout());
        assertFalse(Files.exists(state.resolve("invalidated-paths.log")),
                "no invalidation on a re-run without changes");
    }

    @Test
    void destroyEmptiesTheBucketsTurnsDeletionProtectionOffAndDeletesTheEdgeStackLast() throws IOException {
        deployedState();

        Proc.Result result = run("destroy", Map.of(), "--stack-name", "shop", "--region", "eu-west-1", "--yes");

        assertEquals(0, result.exitCode(), result.describe());
        assertEquals(List.of("shop-site", "shop-artifacts", "shop-auth", "shop-edge"),
                Files.readAllLines(state.resolve("deleted.log")));
        assertEquals(Map.of(), bucketMd5s("test-site"), "site bucket emptied before its stack is deleted");
        assertEquals(Map.of(), bucketMd5s("test-artifacts"), "code bucket emptied before its stack is deleted");
        String update = Files.readString(state.resolve("updates.log"));
        assertTrue(update.contains("--use-previous-template")
                && update.contains("ParameterKey=DeletionProtection,ParameterValue=INACTIVE")
                && update.contains("ParameterKey=TokenLifetimeMinutes,UsePreviousValue=true")
                && update.contains("ParameterKey=SiteDomain,UsePreviousValue=true"), update);
    }

    @Test
    void destroyExplainsThatTheEdgeStackMustWaitForItsReplicas() throws IOException {
        deployedState();

        Proc.Result result = run("destroy", Map.of("FAKE_AWS_REPLICAS", "1"), "--stack-name", "shop",
                "--region", "eu-west-1", "--keep-users", "--yes");

        assertEquals(3, result.exitCode(), result.describe());
        assertTrue(result.stderr().contains("replicas") && result.stderr().contains("--only edge"), result.stderr());
        assertEquals(List.of("shop-site", "shop-artifacts", "shop-edge"),
                Files.readAllLines(state.resolve("deleted.log")),
                "--keep-users leaves the user pool; the edge stack was attempted last");
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private Map<String, String> bucketMd5s(String bucket) throws IOException {
        Path script;
        try {
            script = Path.of(DeployRealRunTest.class.getResource("/s3_inventory.py").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Proc.Result result = Proc.run(List.of("python3", script.toString(), moto.endpoint(), bucket), tmp,
                Duration.ofSeconds(60), MotoServer::dummyCredentials);
        assertEquals(0, result.exitCode(), result.describe());
        Map<String, String> md5s = new java.util.TreeMap<>();
        JSON.readTree(result.stdout()).fields()
                .forEachRemaining(e -> md5s.put(e.getKey(), e.getValue().path("md5").asText()));
        return md5s;
    }

    private static byte[] sha256(byte[] bytes) {
        return digest("SHA-256", bytes);
    }

    private static byte[] md5(byte[] bytes) {
        return digest("MD5", bytes);
    }

    private static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void executable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static void copy(Path source, Path target) throws IOException {
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path path : walk.toList()) {
                Path to = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(to);
                } else {
                    Files.createDirectories(to.getParent());
                    Files.copy(path, to, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
