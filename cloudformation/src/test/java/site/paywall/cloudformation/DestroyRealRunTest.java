package site.paywall.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * scripts/destroy for real against the simulated account (src/test/resources/fake_aws.py) and moto's S3: the order
 * of deletion, emptying the buckets, the access-log bucket CloudFront writes into while the distribution goes, the
 * edge stack that has to wait for its replicas (with and without --wait-edge), and the log groups Lambda@Edge
 * created outside CloudFormation.
 */
class DestroyRealRunTest extends SimulatedAccountTest {
    private static final String EDGE_LOG_GROUP = "/aws/lambda/us-east-1.shop-edge-viewer-request";


    @BeforeEach
    void deployedSite() {
        aws.deployed();
        aws.logGroup("eu-west-1", EDGE_LOG_GROUP, 30);
        aws.logGroup("ap-northeast-1", EDGE_LOG_GROUP, null);
        aws.logGroup("us-east-1", "/aws/lambda/shop-edge-viewer-request", 30);
        aws.logGroup("eu-west-1", "/aws/lambda/someone-elses-function", null);
    }

    private Proc.Result destroy(String... extra) {
        return aws.run("destroy", FakeAws.withShop(concat(extra, "--yes")));
    }

    @Test
    void destroyEmptiesTheBucketsTurnsDeletionProtectionOffDeletesTheEdgeStackLastAndItsLogGroups() {
        Proc.Result result = destroy();

        assertEquals(0, result.exitCode(), result.describe());
        assertEquals(List.of("shop-site", "shop-artifacts", "shop-auth", "shop-edge"), aws.log("deleted.log"));
        assertFalse(aws.bucketExists("test-site"), "site bucket emptied, so its stack could delete it");
        assertFalse(aws.bucketExists("test-artifacts"), "code bucket emptied, then deleted with its stack");
        String update = String.join("\n", aws.log("updates.log"));
        assertTrue(update.contains("--use-previous-template")
                && update.contains("ParameterKey=DeletionProtection,ParameterValue=INACTIVE")
                && update.contains("ParameterKey=SiteDomains,UsePreviousValue=true"), update);
        assertEquals(List.of("ap-northeast-1 " + EDGE_LOG_GROUP, "eu-west-1 " + EDGE_LOG_GROUP,
                        "us-east-1 /aws/lambda/shop-edge-viewer-request"),
                aws.log("deleted-log-groups.log").stream().sorted().toList(),
                "the log groups Lambda@Edge created in each region, once the function is gone; nobody else's");
        assertTrue(aws.state().path("stacks").isEmpty(), "no stack left: " + aws.state().path("stacks"));
    }

    @Test
    void theEdgeStackThatMustWaitForItsReplicasExitsThreeAndNamesBothWaysOut() {
        aws.failDeletes("us-east-1", "shop-edge", 1);

        Proc.Result result = destroy("--keep-users");

        assertEquals(3, result.exitCode(), result.describe());
        assertTrue(result.stderr().contains("replicas") && result.stderr().contains("--only edge --yes"),
                result.stderr());
        assertTrue(result.stderr().contains("scripts/destroy --stack-name shop --region eu-west-1"
                + " --only edge --wait-edge --yes"), result.stderr());
        assertEquals(List.of("shop-site", "shop-artifacts", "shop-edge"), aws.log("deleted.log"),
                "--keep-users leaves the user pool; the edge stack was attempted last");
        assertEquals(List.of(), aws.log("deleted-log-groups.log"),
                "a replica could still write: the log groups wait for the function");
        assertEquals("DELETE_FAILED", aws.stackState("us-east-1", "shop-edge").path("status").asText());
    }

    @Test
    void waitEdgeRetriesTheDeletionUntilTheReplicasAreGone() {
        aws.failDeletes("us-east-1", "shop-edge", 2);

        Proc.Result result = destroy("--only", "edge", "--wait-edge", "--wait-edge-interval", "0");

        assertEquals(0, result.exitCode(), result.describe());
        assertEquals(List.of("shop-edge", "shop-edge", "shop-edge"), aws.log("deleted.log"));
        assertTrue(result.stdout().contains("attempt 1: Lambda@Edge replicas remain; trying again in 0 s"),
                result.stdout());
        assertTrue(result.stdout().contains("deleted at attempt 3"), result.stdout());
        assertTrue(aws.stackState("us-east-1", "shop-edge").isMissingNode());
        assertEquals(3, aws.log("deleted-log-groups.log").size());
    }

    @Test
    void waitEdgeGivesUpAtItsTimeoutWithTheCommandToRunLater() {
        aws.failDeletes("us-east-1", "shop-edge", 5);

        Proc.Result result = destroy("--only", "edge", "--wait-edge", "--wait-edge-interval", "60",
                "--wait-edge-timeout", "0");

        assertEquals(3, result.exitCode(), result.describe());
        assertTrue(result.stderr().contains("shop-edge still cannot be deleted after 1 attempts in 0 minutes"),
                result.stderr());
        assertTrue(result.stderr().contains("--only edge --wait-edge --yes"), result.stderr());
    }

    @Test
    void theAccessLogBucketGoesAfterTheDistributionEvenWhenCloudFrontDeliversALogMeanwhile() {
        aws.editStack("eu-west-1", "shop-site",
                stack -> stack.withObjectProperty("parameters").put("AccessLogging", "Enabled"));
        aws.s3api("create-bucket", "--bucket", "test-logs");
        aws.putObject("s3://test-logs/cloudfront/E2EXAMPLE.2026-01-01-00.abcd.gz", "an old log line");
        var state = aws.state();
        state.put("lateLogDelivery", true);
        aws.save(state);

        Proc.Result result = destroy("--only", "site");

        assertEquals(0, result.exitCode(), result.describe());
        assertTrue(aws.stackState("eu-west-1", "shop-site").isMissingNode(),
                "the stack is gone: the bucket it retains cannot block it");
        assertFalse(aws.bucketExists("test-logs"),
                "emptied and deleted after the distribution, late log file included");
        List<String> calls = aws.log("calls.log");
        int stackDeleted = indexOf(calls, "cloudformation delete-stack --stack-name shop-site");
        int bucketDeleted = indexOf(calls, "s3api delete-bucket --bucket test-logs");
        assertTrue(stackDeleted < bucketDeleted,
                "log bucket removed only once the distribution is gone:\n" + String.join("\n", calls));
    }

    @Test
    void theErrorAlarmStackGoesWithTheSite() {
        aws.stack("us-east-1", "shop-monitoring", "CREATE_COMPLETE");

        Proc.Result result = destroy("--only", "site");

        assertEquals(0, result.exitCode(), result.describe());
        assertEquals(List.of("shop-monitoring", "shop-site"), aws.log("deleted.log"));
    }

    private static int indexOf(List<String> lines, String what) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(what)) {
                return i;
            }
        }
        throw new AssertionError("no call '" + what + "' in:\n" + String.join("\n", lines));
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
