package site.paywall.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every state a failed create, update or delete leaves a stack in has a way out in scripts/deploy: it recovers
 * where that is safe, otherwise it stops before changing anything, with one message naming the command. The
 * states come from a simulated CloudFormation (src/test/resources/fake_aws.py) whose deploy refuses them as the
 * AWS CLI's deploy does.
 */
class DeployRecoveryTest extends SimulatedAccountTest {
    private static final String POOL_ID = "eu-west-1_AbCdEf123";


    private Proc.Result deployExpectingFailure() {
        return aws.run("deploy", FakeAws.withShop());
    }

    private List<String> stacksDeployed() {
        return aws.deploys().stream().map(d -> d.get(0)).toList();
    }

    @Test
    void aFirstCreateThatFailsAfterThePoolRollsBackAndTheNextRunCreatesItAgain() {
        aws.failNextDeploy("eu-west-1", "shop-auth", "the hosted-UI domain prefix is taken");

        Proc.Result failed = deployExpectingFailure();

        assertEquals(1, failed.exitCode(), failed.describe());
        assertTrue(failed.stderr().contains("deploying shop-auth failed. Why: "
                + "aws cloudformation describe-stack-events --stack-name shop-auth"), failed.stderr());
        assertEquals("ROLLBACK_COMPLETE", aws.stackState("eu-west-1", "shop-auth").path("status").asText(),
                "created without deletion protection, the pool could be rolled back "
                        + "(a protected one ends in ROLLBACK_FAILED)");

        Proc.Result again = aws.deploy();

        assertTrue(again.stdout().contains("shop-auth is in ROLLBACK_COMPLETE"), again.stdout());
        assertEquals(List.of("shop-auth"), aws.log("deleted.log"));
        assertEquals("UPDATE_COMPLETE", aws.stackState("eu-west-1", "shop-auth").path("status").asText());
        assertEquals("ACTIVE", aws.state().path("userPools").path(POOL_ID).path("deletionProtection").asText(),
                "protection is on once the first deploy got through");
    }

    @Test
    void aStackLeftInRollbackFailedByAProtectedEmptyPoolIsCleanedUpAndCreated() {
        aws.stack("eu-west-1", "shop-auth", "ROLLBACK_FAILED");
        aws.editStack("eu-west-1", "shop-auth", stack -> stack.putObject("resources").putObject("UserPool")
                .put("physical", POOL_ID).put("status", "DELETE_FAILED")
                .put("reason", "Deletion protection is active"));
        ObjectNode state = aws.state();
        state.withObjectProperty("userPools").putObject(POOL_ID).put("deletionProtection", "ACTIVE").put("users", 0);
        aws.save(state);

        Proc.Result result = aws.deploy();

        assertTrue(result.stdout().contains("shop-auth is in ROLLBACK_FAILED"), result.stdout());
        assertTrue(result.stdout().contains("has no users; turning its deletion protection off"), result.stdout());
        assertEquals(1, aws.log("user-pool-updates.log").size());
        assertTrue(aws.log("user-pool-updates.log").get(0).startsWith(POOL_ID + " ")
                && aws.log("user-pool-updates.log").get(0).contains("--deletion-protection INACTIVE"),
                aws.log("user-pool-updates.log").toString());
        assertEquals(List.of("shop-auth"), aws.log("deleted.log"));
        assertEquals("shop-auth", stacksDeployed().get(0));
        assertEquals("INACTIVE", aws.parameters(0).get("DeletionProtection"),
                "created again, unprotected until step 8");
    }

    @Test
    void aRollbackFailedPoolThatHasUsersIsLeftToTheOperatorWithTheCommands() {
        aws.stack("eu-west-1", "shop-auth", "ROLLBACK_FAILED");
        aws.editStack("eu-west-1", "shop-auth", stack -> stack.putObject("resources").putObject("UserPool")
                .put("physical", POOL_ID).put("status", "DELETE_FAILED"));
        ObjectNode state = aws.state();
        state.withObjectProperty("userPools").putObject(POOL_ID).put("deletionProtection", "ACTIVE").put("users", 2);
        aws.save(state);

        Proc.Result result = deployExpectingFailure();

        assertEquals(1, result.exitCode(), result.describe());
        assertTrue(result.stderr().contains("already has users, so it is not deleted for you"), result.stderr());
        assertTrue(result.stderr().contains("aws cognito-idp update-user-pool --user-pool-id " + POOL_ID
                + " --region eu-west-1 --deletion-protection INACTIVE"), result.stderr());
        assertTrue(result.stderr().contains("aws cloudformation delete-stack --stack-name shop-auth --region eu-west-1"
                + " --retain-resources UserPool"), result.stderr());
        assertEquals(List.of(), aws.log("deleted.log"), "nothing deleted");
        assertEquals(List.of(), aws.log("user-pool-updates.log"));
        assertEquals(List.of(), aws.deploys(), "nothing deployed");
    }

    @Test
    void aFirstCreateLeftInReviewInProgressIsCreatedAndItsFailedChangeSetRemoved() {
        aws.stack("eu-west-1", "shop-auth", "REVIEW_IN_PROGRESS");
        aws.editStack("eu-west-1", "shop-auth", stack -> stack.putArray("changeSets").addObject()
                .put("ChangeSetName", "awscli-cloudformation-package-deploy-17").put("Status", "FAILED")
                .put("ExecutionStatus", "UNAVAILABLE").put("StatusReason", "Template error"));

        Proc.Result result = aws.deploy();

        assertTrue(result.stdout().contains("shop-auth exists only as a change set under review (REVIEW_IN_PROGRESS"),
                result.stdout());
        assertEquals(List.of("shop-auth arn:aws:cloudformation:eu-west-1:123456789012:changeSet/"
                + "awscli-cloudformation-package-deploy-17/1"), aws.log("deleted-change-sets.log"));
        assertEquals("INACTIVE", aws.parameters(0).get("DeletionProtection"), "it is a first create");
        assertEquals("UPDATE_COMPLETE", aws.stackState("eu-west-1", "shop-auth").path("status").asText());
    }

    @Test
    void anEdgeStackADestroyLeftInDeleteFailedIsDeletedAgainAndCreated() {
        aws.stack("us-east-1", "shop-edge", "DELETE_FAILED");

        Proc.Result result = aws.deploy();

        assertTrue(result.stdout().contains("shop-edge is in DELETE_FAILED"), result.stdout());
        assertEquals(List.of("shop-edge"), aws.log("deleted.log"));
        assertEquals(List.of("shop-auth", "shop-artifacts", "shop-edge", "shop-site", "shop-auth"), stacksDeployed());
        assertEquals("CREATE_COMPLETE", aws.stackState("us-east-1", "shop-edge").path("status").asText());
    }

    @Test
    void anEdgeStackWhoseReplicasRemainStopsTheDeployBeforeAnythingChanges() {
        aws.stack("us-east-1", "shop-edge", "DELETE_FAILED");
        aws.failDeletes("us-east-1", "shop-edge", 1);

        Proc.Result result = deployExpectingFailure();

        assertEquals(3, result.exitCode(), result.describe());
        assertTrue(result.stderr().contains("shop-edge still cannot be deleted: Lambda@Edge replicas"),
                result.stderr());
        assertTrue(result.stderr().contains("scripts/destroy --stack-name shop --region eu-west-1"
                + " --only edge --wait-edge --yes"), result.stderr());
        assertEquals(List.of(), aws.deploys(), "no stack was touched");
    }

    @Test
    void aSiteStackADestroyLeftInDeleteFailedNamesTheCommandThatFinishesIt() {
        aws.stack("eu-west-1", "shop-site", "DELETE_FAILED");

        Proc.Result result = deployExpectingFailure();

        assertEquals(1, result.exitCode(), result.describe());
        assertTrue(result.stderr().contains("shop-site is in DELETE_FAILED: a destroy did not finish"),
                result.stderr());
        assertTrue(result.stderr().contains("Finish it with: scripts/destroy --stack-name shop --region eu-west-1"
                + " --only site --yes"), result.stderr());
        assertEquals(List.of(), aws.deploys());
    }

    @Test
    void anAlarmStackADestroyLeftInDeleteFailedIsDeletedAgain() {
        aws.stack("us-east-1", "shop-monitoring", "DELETE_FAILED");

        Proc.Result result = aws.deploy();

        assertTrue(result.stdout().contains("shop-monitoring is in DELETE_FAILED (a destroy did not finish);"
                + " it holds only the alarm"), result.stdout());
        assertEquals(List.of("shop-monitoring"), aws.log("deleted.log"));
        assertFalse(stacksDeployed().contains("shop-monitoring"), "gone, and not asked for again");
    }

    @Test
    void anUpdateWhoseRollbackFailedIsRolledBackAndDeployed() {
        aws.deployed();
        aws.editStack("eu-west-1", "shop-site", stack -> stack.put("status", "UPDATE_ROLLBACK_FAILED"));

        Proc.Result result = aws.deploy();

        assertTrue(result.stdout().contains("shop-site is in UPDATE_ROLLBACK_FAILED"), result.stdout());
        assertEquals(List.of("shop-site"), aws.log("continued-rollbacks.log"));
        assertEquals("UPDATE_COMPLETE", aws.stackState("eu-west-1", "shop-site").path("status").asText());
    }

    @Test
    void aRollbackThatCannotContinueNamesTheResourcesToSkip() {
        aws.deployed();
        aws.editStack("eu-west-1", "shop-site", stack -> {
            stack.put("status", "UPDATE_ROLLBACK_FAILED");
            stack.putObject("resources").putObject("Distribution").put("physical", "E2EXAMPLE")
                    .put("status", "UPDATE_FAILED")
                    .put("reason", "Resource handler returned message: Invalid request").put("stuck", true);
        });

        Proc.Result result = deployExpectingFailure();

        assertEquals(1, result.exitCode(), result.describe());
        assertTrue(result.stderr().contains("shop-site cannot be rolled back"
                + " (Distribution: Resource handler returned message: Invalid request)"), result.stderr());
        assertTrue(result.stderr().contains("aws cloudformation continue-update-rollback --stack-name shop-site"
                + " --region eu-west-1 --resources-to-skip Distribution"), result.stderr());
        assertEquals(List.of(), aws.deploys());
    }

    @Test
    void aBusyStackStopsTheDeployWithWhatToWaitFor() {
        aws.deployed();
        aws.editStack("us-east-1", "shop-edge", stack -> stack.put("status", "UPDATE_IN_PROGRESS"));

        Proc.Result result = deployExpectingFailure();

        assertEquals(1, result.exitCode(), result.describe());
        assertTrue(result.stderr().contains("shop-edge is busy (UPDATE_IN_PROGRESS)"), result.stderr());
        assertEquals(List.of(), aws.deploys());
    }

    @Test
    void aFailedUpdateIsReportedWithItsEventsAndTheNextRunGoesThrough() {
        aws.deploy();
        aws.failNextDeploy("eu-west-1", "shop-site", "the certificate does not cover the alias");

        Proc.Result failed = aws.run("deploy", FakeAws.withShop("--price-class", "PriceClass_All"));

        assertEquals(1, failed.exitCode(), failed.describe());
        assertTrue(failed.stderr().contains("deploying shop-site failed"), failed.stderr());
        assertEquals("UPDATE_ROLLBACK_COMPLETE", aws.stackState("eu-west-1", "shop-site").path("status").asText());
        assertFalse(aws.stackState("eu-west-1", "shop-site").path("changeSets").elements().hasNext());

        aws.deploy("--price-class", "PriceClass_All");
        assertEquals("UPDATE_COMPLETE", aws.stackState("eu-west-1", "shop-site").path("status").asText());
    }
}
