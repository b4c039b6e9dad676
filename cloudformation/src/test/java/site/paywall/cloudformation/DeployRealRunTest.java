package site.paywall.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * scripts/deploy for real (no --dry-run), as far as this machine allows: CloudFormation, STS, CloudFront, Cognito
 * and CloudWatch Logs are a simulated account (src/test/resources/fake_aws.py), S3 is the real AWS CLI against
 * moto, and scripts/edge-bundle is a stand-in that writes a zip. What is checked is the script's own work: reading
 * outputs, writing the edge config, naming and uploading the zip, passing each stack the outputs of the one before,
 * uploading the site and invalidating what changed, doing nothing twice and leaving nothing behind.
 */
class DeployRealRunTest extends SimulatedAccountTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POOL_ID = "eu-west-1_AbCdEf123";
    private static final String CLIENT_ID = "1example23456789abcdefghij";
    private static final String VERSION_ARN =
            "arn:aws:lambda:us-east-1:123456789012:function:shop-edge-viewer-request:1";
    private static final String DISTRIBUTION_DOMAIN = "d111111abcdef8.cloudfront.net";
    private static final String CERTIFICATE = "arn:aws:acm:us-east-1:123456789012:certificate/abc-123";


    private List<String> stacksDeployed() {
        return aws.deploys().stream().map(d -> d.get(0)).toList();
    }

    @Test
    void firstDeployPassesEachStackTheOutputsOfTheOneBefore() throws IOException {
        Proc.Result result = aws.deploy();

        assertEquals(List.of("shop-auth", "shop-artifacts", "shop-edge", "shop-site", "shop-auth"), stacksDeployed(),
                "stack order");
        Map<String, String> firstAuth = aws.parameters(0);
        assertFalse(firstAuth.containsKey("SiteDomains"),
                "on a first deploy there is no distribution yet, so no callback domain: " + firstAuth);
        assertEquals("INACTIVE", firstAuth.get("DeletionProtection"),
                "the pool is created unprotected, so a failed first create can roll back instead of ending in "
                        + "ROLLBACK_FAILED");

        Path config = aws.repo.resolve("target/deploy/shop/site.json");
        JsonNode site = JSON.readTree(config.toFile());
        assertEquals(POOL_ID, site.path("userPoolId").asText());
        assertEquals("eu-west-1", site.path("region").asText());
        assertEquals("[\"" + CLIENT_ID + "\"]", site.path("clientIds").toString());
        assertEquals("[\"paying-customers\"]", site.path("rules").get(0).path("allow").toString());
        assertEquals("denials", site.path("decisionLog").asText(),
                "the decision log level is chosen, not left to the core's default");
        assertEquals(100, site.path("decisionLogDenialsPerSecond").asInt(),
                "so is the limit on refusal lines, recorded on the edge stack beside the level");
        assertTrue(Files.isRegularFile(Path.of(site.path("errorPages").path("401").asText())));
        assertEquals(List.of("--config", config.toString()), aws.log("edge-bundle.args"));

        byte[] zip = Files.readAllBytes(aws.repo.resolve("edge-auth/target/lambda-edge.zip"));
        String hex = HexFormat.of().formatHex(digest("SHA-256", zip));
        assertEquals(Map.of("CodeS3Bucket", "test-artifacts", "CodeS3Key", "lambda-edge/" + hex + ".zip",
                "CodeSha256", Base64.getEncoder().encodeToString(digest("SHA-256", zip)), "DecisionLog", "denials",
                "DecisionLogDenialsPerSecond", "100"), aws.parameters(2));
        assertEquals(Map.of("lambda-edge/" + hex + ".zip", HexFormat.of().formatHex(digest("MD5", zip))),
                aws.bucket("test-artifacts"),
                "the zip, uploaded under its hash");

        assertEquals(Map.of("EdgeFunctionVersionArn", VERSION_ARN), aws.parameters(3));
        assertEquals(Map.of("SiteDomains", DISTRIBUTION_DOMAIN, "DeletionProtection", "ACTIVE"), aws.parameters(4),
                "once the distribution exists: its domain gets the callback URLs and the pool its deletion protection");
        assertEquals("ACTIVE", aws.state().path("userPools").path(POOL_ID).path("deletionProtection").asText());

        Map<String, String> siteObjects = aws.bucket("test-site");
        assertTrue(siteObjects.containsKey("index.html")
                        && siteObjects.containsKey("premium/downloads/sample-report.pdf"),
                "site uploaded: " + siteObjects.keySet());
        List<String> invalidated = aws.log("invalidated-paths.log");
        assertTrue(invalidated.contains("/") && invalidated.contains("/premium/index.html"),
                "invalidated: " + invalidated);
        assertTrue(result.stdout().contains("https://" + DISTRIBUTION_DOMAIN + "/"), result.stdout());
        assertTrue(result.stdout().contains("hosted UI:        https://shop-auth-1a2b3c4d.auth.eu-west-1.amazoncognito.com"), result.stdout());
    }

    @Test
    void reRunsChangeNothingUploadNothingAndLeaveNoFailedChangeSets() throws IOException {
        aws.deploy();
        Files.delete(aws.state.resolve("invalidated-paths.log"));

        Proc.Result again = aws.deploy();
        aws.deploy();

        List<List<String>> deploys = aws.deploys();
        assertEquals(15, deploys.size());
        assertEquals(Map.of("SiteDomains", DISTRIBUTION_DOMAIN), aws.parameters(5),
                "a re-run must not take the callback URLs away, even for a moment, nor touch the deletion protection");
        assertEquals(aws.parameters(2), aws.parameters(7),
                "same bundle, same code key and hash, so no new function version");
        assertTrue(again.stdout().contains("already there (same bundle, same key): nothing to upload"), again.stdout());
        assertTrue(again.stdout().contains("0 uploaded, 0 deleted"), again.stdout());
        assertTrue(again.stdout().contains("nothing changed, nothing to invalidate"), again.stdout());
        assertFalse(Files.exists(aws.state.resolve("invalidated-paths.log")),
                "no invalidation on a re-run without changes");

        // Each no-op `aws cloudformation deploy` leaves a FAILED change set; the script removes every one of them.
        assertEquals(10, aws.log("deleted-change-sets.log").size(),
                "two re-runs of five stack deploys: " + aws.log("deleted-change-sets.log"));
        aws.state().path("stacks").fields().forEachRemaining(stack ->
                assertEquals(0, stack.getValue().path("changeSets").size(),
                        stack.getKey() + " keeps change sets: " + stack.getValue()));
    }

    @Test
    void everyAliasAndTheCloudFrontNameGetCallbackUrlsAndKeepThemOnReRuns() {
        aws.deploy("--aliases", "shop.example.com,www.shop.example.com", "--certificate-arn", CERTIFICATE);

        assertEquals("shop.example.com,www.shop.example.com", aws.parameters(0).get("SiteDomains"),
                "with aliases the domains are known before the distribution exists");
        assertEquals("shop.example.com,www.shop.example.com", aws.parameters(3).get("Aliases"));
        assertEquals(DISTRIBUTION_DOMAIN + ",shop.example.com,www.shop.example.com",
                aws.parameters(4).get("SiteDomains"),
                "every alias and the distribution's own name can sign in");

        aws.deploy();
        assertEquals(DISTRIBUTION_DOMAIN + ",shop.example.com,www.shop.example.com",
                aws.parameters(5).get("SiteDomains"),
                "a re-run without --aliases keeps them, from the site stack's SiteDomains output");

        aws.deploy("--no-aliases");
        assertEquals(DISTRIBUTION_DOMAIN, aws.parameters(10).get("SiteDomains"),
                "removed aliases lose their callback URLs");
        assertEquals("", aws.parameters(13).get("Aliases"));
        assertEquals(DISTRIBUTION_DOMAIN, aws.parameters(14).get("SiteDomains"));
    }

    @Test
    void aNewBundleLeavesOnlyItsOwnZipAndTheDecisionLogLevelIsKept() {
        aws.deploy();
        String firstKey = aws.parameters(2).get("CodeS3Key");

        aws.deploy("--decision-log", "all");
        String secondKey = aws.parameters(7).get("CodeS3Key");
        assertNotEquals(firstKey, secondKey, "a new decision log level is a new bundle");
        assertEquals("all", aws.parameters(7).get("DecisionLog"));
        assertEquals(List.of(secondKey), List.copyOf(aws.bucket("test-artifacts").keySet()),
                "the zip no stack refers to any more is removed");

        aws.deploy();
        assertEquals("all", aws.parameters(12).get("DecisionLog"), "left out, the level stays what the edge stack has");
        assertEquals(secondKey, aws.parameters(12).get("CodeS3Key"));
    }


    @Test
    void theDenialLineLimitIsBakedInAndKeptLikeTheLevel() throws IOException {
        aws.deploy("--decision-log-denials-per-second", "25");
        Path config = aws.repo.resolve("target/deploy/shop/site.json");
        assertEquals(25, JSON.readTree(config.toFile()).path("decisionLogDenialsPerSecond").asInt());
        assertEquals("25", aws.parameters(2).get("DecisionLogDenialsPerSecond"));

        aws.deploy();
        assertEquals("25", aws.parameters(7).get("DecisionLogDenialsPerSecond"),
                "left out, the limit stays what the edge stack has");
        assertEquals(25, JSON.readTree(config.toFile()).path("decisionLogDenialsPerSecond").asInt());
        assertEquals(aws.parameters(2).get("CodeS3Key"), aws.parameters(7).get("CodeS3Key"),
                "the same limit bakes the same bundle");
    }
    @Test
    void aWarningTheCliPrintsOnStderrNeverBecomesPartOfAValue() throws IOException {
        Map<String, String> warnings = FakeAws.env("FAKE_AWS_WARN", "1");
        assertEquals(0, aws.run("deploy", warnings, FakeAws.withShop()).exitCode());
        Proc.Result again = aws.run("deploy", warnings, FakeAws.withShop());

        assertEquals(0, again.exitCode(), again.describe());
        assertTrue(again.stderr().contains("DeprecationWarning"), "the stand-in did print warnings: " + again.stderr());
        assertEquals(Map.of("SiteDomains", DISTRIBUTION_DOMAIN), aws.parameters(5),
                "the site's domain read back from the stack, without the warning");
        String config = Files.readString(aws.repo.resolve("target/deploy/shop/site.json"));
        assertFalse(config.contains("Warning"), config);
    }

    @Test
    void logRetentionIsSetOnTheAuthorizersLogGroupsInEveryRegionWhereTheyExist() {
        aws.logGroup("eu-west-1", "/aws/lambda/us-east-1.shop-edge-viewer-request", null);
        aws.logGroup("ap-northeast-1", "/aws/lambda/us-east-1.shop-edge-viewer-request", 3653);
        aws.logGroup("us-east-1", "/aws/lambda/shop-edge-viewer-request", null);
        aws.logGroup("us-east-2", "/aws/lambda/us-east-1.shop-edge-viewer-request", 30);
        aws.logGroup("eu-west-1", "/aws/lambda/us-east-1.shop-edge-viewer-request-other", null);

        Proc.Result result = aws.deploy();

        assertEquals(List.of("ap-northeast-1 /aws/lambda/us-east-1.shop-edge-viewer-request 30",
                        "eu-west-1 /aws/lambda/us-east-1.shop-edge-viewer-request 30",
                        "us-east-1 /aws/lambda/shop-edge-viewer-request 30"),
                aws.log("retention.log").stream().sorted().toList(),
                "every region's group of this function, and only those whose retention differs");
        assertFalse(aws.state().path("logGroups").path("eu-west-1")
                .path("/aws/lambda/us-east-1.shop-edge-viewer-request-other")
                .has("retentionInDays"), "another function's group is not touched");
        assertTrue(result.stdout().contains("4 log group(s) keep 30 days"), result.stdout());

        aws.deploy("--log-retention-days", "90");
        assertEquals("90", aws.parameters(7).get("LogRetentionDays"));
        aws.state().path("logGroups").fields().forEachRemaining(region -> {
            JsonNode group = region.getValue().path("/aws/lambda/us-east-1.shop-edge-viewer-request");
            if (!group.isMissingNode()) {
                assertEquals(90, group.path("retentionInDays").asInt(), region.getKey());
            }
        });
    }

    @Test
    void theErrorAlarmIsCreatedKeptOnReRunsAndRemovedOnRequest() {
        String topic = "arn:aws:sns:us-east-1:123456789012:site-alarms";
        Proc.Result created = aws.deploy("--error-alarm-topic", topic);
        assertEquals(List.of("shop-auth", "shop-artifacts", "shop-edge", "shop-site", "shop-auth", "shop-monitoring"),
                stacksDeployed());
        assertEquals(Map.of("DistributionId", "E2EXAMPLE", "AlarmTopicArn", topic), aws.parameters(5));
        assertTrue(created.stdout().contains("--region us-east-1"), created.stdout());

        aws.deploy();
        assertEquals("shop-monitoring", stacksDeployed().get(11), "left out, the alarm is kept");
        assertEquals(Map.of("DistributionId", "E2EXAMPLE"), aws.parameters(11));

        aws.deploy("--no-error-alarm");
        assertEquals(List.of("shop-monitoring"), aws.log("deleted.log"));
        assertTrue(aws.stackState("us-east-1", "shop-monitoring").isMissingNode());
    }

    @Test
    void theSameStackNameInASecondRegionIsRefusedBeforeAnythingChanges() {
        aws.deployed();

        Proc.Result result = aws.run("deploy", "--stack-name", "shop", "--region", "ap-southeast-2");

        assertEquals(1, result.exitCode(), result.describe());
        assertTrue(result.stderr().contains("shop-edge (us-east-1) already serves the site 'shop' in eu-west-1"),
                result.stderr());
        assertTrue(result.stderr().contains("Use another --stack-name"), result.stderr());
        assertEquals(List.of(), aws.deploys(), "nothing deployed");
    }

    private static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
