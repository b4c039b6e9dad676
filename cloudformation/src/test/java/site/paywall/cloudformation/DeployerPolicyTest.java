package site.paywall.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * cloudformation/deployer-policy.json, the rights cloudformation/README.md tells operators to give the identity
 * that deploys, covers every `aws` command the scripts run or tell the operator to run, every resource type the
 * templates create (CloudFormation acts with the caller's rights), and the actions found missing in review.
 */
class DeployerPolicyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern AWS_COMMAND = Pattern.compile(
            "\\baws (cloudformation|cognito-idp|logs|ec2|cloudfront|s3api|s3|sts|lambda|iam) ([a-z0-9-]+)");

    /** What creating each resource type takes, beyond the CloudFormation calls themselves. */
    private static final Map<String, List<String>> RESOURCE_ACTIONS = Map.ofEntries(
            Map.entry("AWS::Cognito::UserPool", List.of("cognito-idp:CreateUserPool", "cognito-idp:UpdateUserPool",
                    "cognito-idp:DeleteUserPool")),
            Map.entry("AWS::Cognito::UserPoolDomain", List.of("cognito-idp:CreateUserPoolDomain",
                    "cognito-idp:DeleteUserPoolDomain")),
            Map.entry("AWS::Cognito::UserPoolGroup", List.of("cognito-idp:CreateGroup", "cognito-idp:DeleteGroup")),
            Map.entry("AWS::Cognito::UserPoolClient", List.of("cognito-idp:CreateUserPoolClient",
                    "cognito-idp:UpdateUserPoolClient")),
            Map.entry("AWS::S3::Bucket", List.of("s3:CreateBucket", "s3:DeleteBucket", "s3:PutBucketPublicAccessBlock",
                    "s3:PutBucketOwnershipControls", "s3:PutEncryptionConfiguration", "s3:PutLifecycleConfiguration")),
            Map.entry("AWS::S3::BucketPolicy", List.of("s3:PutBucketPolicy", "s3:DeleteBucketPolicy")),
            Map.entry("AWS::IAM::Role", List.of("iam:CreateRole", "iam:PutRolePolicy", "iam:DeleteRole",
                    "iam:PassRole")),
            Map.entry("AWS::Lambda::Function", List.of("lambda:CreateFunction", "lambda:UpdateFunctionCode",
                    "lambda:UpdateFunctionConfiguration", "lambda:DeleteFunction", "lambda:GetFunction")),
            Map.entry("AWS::Lambda::Version", List.of("lambda:PublishVersion")),
            Map.entry("AWS::CloudFront::Distribution", List.of("cloudfront:CreateDistribution",
                    "cloudfront:UpdateDistribution", "cloudfront:DeleteDistribution", "cloudfront:GetDistribution",
                    "lambda:EnableReplication", "lambda:DisableReplication",
                    "iam:CreateServiceLinkedRole", "acm:DescribeCertificate", "wafv2:GetWebACL")),
            Map.entry("AWS::CloudFront::OriginAccessControl", List.of("cloudfront:CreateOriginAccessControl",
                    "cloudfront:DeleteOriginAccessControl")),
            Map.entry("AWS::CloudFront::CachePolicy", List.of("cloudfront:CreateCachePolicy",
                    "cloudfront:DeleteCachePolicy")),
            Map.entry("AWS::CloudFront::ResponseHeadersPolicy", List.of("cloudfront:CreateResponseHeadersPolicy",
                    "cloudfront:DeleteResponseHeadersPolicy")),
            Map.entry("AWS::CloudWatch::Alarm", List.of("cloudwatch:PutMetricAlarm", "cloudwatch:DeleteAlarms")));

    private static DecodedTemplates decoded;
    private static List<String> allowed;

    @BeforeAll
    static void read() throws IOException {
        decoded = new DecodedTemplates();
        JsonNode policy = JSON.readTree(Repo.root().resolve("cloudformation/deployer-policy.json").toFile());
        assertEquals("2012-10-17", policy.path("Version").asText());
        allowed = new ArrayList<>();
        for (JsonNode statement : policy.path("Statement")) {
            assertEquals("Allow", statement.path("Effect").asText());
            statement.path("Action").forEach(action -> allowed.add(action.asText()));
        }
    }

    @AfterAll
    static void stopDecoder() {
        if (decoded != null) {
            decoded.close();
        }
    }

    private static boolean allows(String action) {
        // IAM wildcards: "*" matches any run of characters
        return allowed.stream()
                .anyMatch(granted -> Pattern.matches(Pattern.quote(granted).replace("*", "\\E.*\\Q"), action));
    }

    @Test
    void theActionsFoundMissingInReviewAreGranted() {
        for (String action : List.of("lambda:DisableReplication", "lambda:EnableReplication", "lambda:GetFunction",
                "iam:CreateServiceLinkedRole")) {
            assertTrue(allows(action), action);
        }
    }

    @Test
    void everyAwsCommandTheScriptsRunIsGranted() throws IOException {
        Set<String> commands = new TreeSet<>();
        for (Path script : List.of(Repo.script("deploy"), Repo.script("destroy"), Repo.script("deploy-lib/stacks.sh"),
                Repo.script("deploy-lib/sync-site"))) {
            Matcher m = AWS_COMMAND.matcher(Files.readString(script));
            while (m.find()) {
                commands.add(m.group(1) + " " + m.group(2));
            }
        }
        assertTrue(commands.size() >= 20, "found " + commands);
        List<String> missing = new ArrayList<>();
        for (String command : commands) {
            for (String action : actionsOf(command)) {
                if (!allows(action)) {
                    missing.add(command + " -> " + action);
                }
            }
        }
        assertEquals(List.of(), missing, "commands the policy does not allow");
    }

    @Test
    void everyResourceTypeTheTemplatesCreateIsGranted() {
        List<String> missing = new ArrayList<>();
        decoded.shipped().forEach((file, template) -> template.path("Resources").fields().forEachRemaining(resource -> {
            String type = resource.getValue().path("Type").asText();
            List<String> actions = RESOURCE_ACTIONS.get(type);
            if (actions == null) {
                missing.add(file + " " + resource.getKey() + ": no known actions for " + type
                        + " (add them here and to the policy)");
                return;
            }
            actions.stream().filter(action -> !allows(action))
                    .forEach(action -> missing.add(file + " " + type + " -> " + action));
        }));
        assertEquals(List.of(), missing);
    }

    @Test
    void theReadmeLinksThePolicy() throws IOException {
        String readme = Files.readString(Repo.root().resolve("cloudformation/README.md"));
        assertTrue(readme.contains("[`deployer-policy.json`](deployer-policy.json)"),
                "cloudformation/README.md links the policy");
    }

    /** The IAM actions an AWS CLI command needs. */
    private static List<String> actionsOf(String command) {
        String[] parts = command.split(" ");
        String service = parts[0];
        String operation = parts[1];
        return switch (command) {
            case "sts get-caller-identity" -> List.of(); // needs no permission
            case "cloudformation deploy" -> List.of("cloudformation:CreateChangeSet",
                    "cloudformation:DescribeChangeSet", "cloudformation:ExecuteChangeSet",
                    "cloudformation:DescribeStacks", "cloudformation:GetTemplateSummary");
            case "cloudformation wait" -> List.of("cloudformation:DescribeStacks");
            case "s3 cp" -> List.of("s3:PutObject", "s3:GetObject", "s3:ListBucket");
            case "s3 rm" -> List.of("s3:DeleteObject", "s3:ListBucket");
            case "s3 rb" -> List.of("s3:DeleteBucket", "s3:DeleteObject", "s3:ListBucket");
            case "s3api head-object" -> List.of("s3:GetObject");
            case "s3api list-objects-v2" -> List.of("s3:ListBucket");
            case "s3api delete-bucket" -> List.of("s3:DeleteBucket");
            default -> List.of((service.equals("s3api") ? "s3" : service) + ":" + camelCase(operation));
        };
    }

    private static String camelCase(String operation) {
        StringBuilder out = new StringBuilder();
        for (String word : operation.split("-")) {
            out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return out.toString();
    }
}
