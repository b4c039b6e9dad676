package site.paywall.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * scripts/deploy and scripts/destroy in --dry-run: the order of the steps, where each stack goes, the wiring
 * between stacks (every parameter passed exists in its template, every output read exists too), and the edge
 * config handed to scripts/edge-bundle. They run from a copy of the repository that has no bundle and no
 * scripts/edge-bundle, with an 'aws' on PATH that records any call and fails: a dry run must not need either.
 */
class DeployDryRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> TEMPLATE_OF_STACK = Map.of(
            "auth", "auth.yaml", "artifacts", "artifacts.yaml", "edge", "edge-function.yaml", "site", "site.yaml",
            "monitoring", "monitoring.yaml");

    private static DecodedTemplates decoded;

    @TempDir
    Path tmp;
    private Path repo;
    private Path awsCalls;

    @BeforeAll
    static void decodeTemplates() {
        decoded = new DecodedTemplates();
    }

    @AfterAll
    static void stopDecoder() {
        if (decoded != null) {
            decoded.close();
        }
    }

    @BeforeEach
    void copyRepositoryWithoutBundleAndAStubAws() throws IOException {
        repo = tmp.resolve("repo");
        Repo.copyDeployParts(repo);
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        awsCalls = tmp.resolve("aws-calls.log");
        Path aws = bin.resolve("aws");
        Files.writeString(aws, "#!/usr/bin/env bash\necho \"aws $*\" >> '" + awsCalls
                + "'\necho 'stub aws: a dry run must not call me' >&2\nexit 97\n");
        Files.setPosixFilePermissions(aws, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Proc.Result script(String name, String... args) {
        List<String> command = new ArrayList<>(List.of("bash", repo.resolve("scripts").resolve(name).toString()));
        command.addAll(List.of(args));
        return Proc.run(command, tmp, Duration.ofSeconds(60), env -> {
            env.keySet().removeIf(key -> key.startsWith("AWS_"));
            env.put("AWS_CONFIG_FILE", "/nonexistent/aws-config");
            env.put("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/aws-credentials");
            env.put("PATH", tmp.resolve("bin") + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
        });
    }

    private Proc.Result deployDryRun(String... extra) {
        List<String> args = new ArrayList<>(List.of("--dry-run", "--stack-name", "shop", "--region", "eu-west-1",
                "--profile", "test-profile"));
        args.addAll(List.of(extra));
        Proc.Result result = script("deploy", args.toArray(String[]::new));
        assertEquals(0, result.exitCode(), result.describe());
        assertFalse(Files.exists(awsCalls), "the dry run called aws");
        return result;
    }

    /** The commands printed, "+ " removed (sync-site's, printed indented, included). */
    private static List<String> commands(Proc.Result result) {
        return result.stdout().lines().map(String::strip).filter(line -> line.startsWith("+ "))
                .map(line -> line.substring(2)).toList();
    }

    private static int indexOf(List<String> commands, String what, Predicate<String> matches) {
        for (int i = 0; i < commands.size(); i++) {
            if (matches.test(commands.get(i))) {
                return i;
            }
        }
        return fail("no command for " + what + " in:\n" + String.join("\n", commands));
    }

    private static int lastIndexOf(List<String> commands, String what, Predicate<String> matches) {
        for (int i = commands.size() - 1; i >= 0; i--) {
            if (matches.test(commands.get(i))) {
                return i;
            }
        }
        return fail("no command for " + what);
    }

    private static Predicate<String> deployOf(String stack) {
        return line -> line.startsWith("aws cloudformation deploy ") && line.contains("--stack-name " + stack + " ");
    }

    @Test
    void stepsRunInTheOrderTheirInputsBecomeKnown() {
        List<String> commands = commands(deployDryRun());

        int auth = indexOf(commands, "Cognito stack", deployOf("shop-auth"));
        int authOutputs = indexOf(commands, "Cognito outputs",
                line -> line.contains("describe-stacks --stack-name shop-auth ") && line.contains("Outputs"));
        int config = indexOf(commands, "edge config", line -> line.contains("cat > ") && line.contains("site.json"));
        int bundle = indexOf(commands, "edge bundle",
                line -> line.contains("scripts/edge-bundle --config ") && line.contains("site.json"));
        int codeBucket = indexOf(commands, "code bucket stack", deployOf("shop-artifacts"));
        int zipUpload = indexOf(commands, "zip upload",
                line -> line.startsWith("aws s3 cp ") && line.contains("lambda-edge.zip"));
        int edge = indexOf(commands, "edge stack", deployOf("shop-edge"));
        int site = indexOf(commands, "site stack", deployOf("shop-site"));
        int callbacks = lastIndexOf(commands, "second Cognito deploy", deployOf("shop-auth"));
        int alarm = indexOf(commands, "alarm stack", deployOf("shop-monitoring"));
        int retention = indexOf(commands, "log retention", line -> line.startsWith("aws ec2 describe-regions "));
        int upload = indexOf(commands, "site upload",
                line -> line.startsWith("aws s3 cp ") && line.contains("static-site/"));
        int invalidation = indexOf(commands, "invalidation",
                line -> line.startsWith("aws cloudfront create-invalidation "));

        assertTrue(auth < authOutputs && authOutputs < config && config < bundle,
                "pool and client ids before the edge config and bundle");
        assertTrue(bundle < zipUpload && codeBucket < zipUpload && zipUpload < edge,
                "zip built and uploaded before the function");
        assertTrue(edge < site, "function version before the distribution");
        assertTrue(site < callbacks, "distribution domain before the callback URLs");
        assertTrue(callbacks < alarm && alarm < upload && upload < invalidation && invalidation < retention,
                "callback URLs, alarm, site uploaded, invalidated, then log retention");

        assertTrue(commands.get(site).contains("EdgeFunctionVersionArn=<shop-edge.EdgeFunctionVersionArn>"),
                commands.get(site));
        assertTrue(commands.get(callbacks).contains("'SiteDomains=<shop-site.SiteDomains>' DeletionProtection=ACTIVE"),
                commands.get(callbacks));
        assertTrue(commands.get(alarm).contains("DistributionId=<shop-site.DistributionId>")
                        && commands.get(alarm).contains("--region us-east-1"),
                commands.get(alarm));
        assertTrue(commands.get(edge).contains("CodeS3Bucket=<shop-artifacts.ArtifactsBucketName>"),
                commands.get(edge));
        assertTrue(commands.get(invalidation).contains("--distribution-id '<shop-site.DistributionId>'"),
                commands.get(invalidation));
    }

    @Test
    void everyStepPrintsAProgressLine() {
        List<String> progress = deployDryRun().stdout().lines().filter(line -> line.startsWith("==> ")).toList();
        assertEquals(12, progress.size(), String.join("\n", progress));
        for (int i = 0; i < progress.size(); i++) {
            assertTrue(progress.get(i).startsWith("==> [" + (i + 1) + "/12] "), progress.get(i));
        }
    }

    @Test
    void dryRunNeedsNoCredentialsNoBundleAndWritesNothing() {
        assertFalse(Files.exists(repo.resolve("scripts/edge-bundle")));
        assertFalse(Files.exists(repo.resolve("edge-auth/target/lambda-edge.zip")));

        Proc.Result result = deployDryRun();

        assertTrue(result.stdout().contains("dry run"), result.stdout());
        assertFalse(Files.exists(repo.resolve("target")), "a dry run must not write the edge config or anything else");
        assertFalse(Files.exists(repo.resolve("edge-auth/target")), "a dry run must not build the bundle");
    }

    @Test
    void edgeStacksGoToUsEast1AndTheOthersToTheChosenRegion() {
        for (String command : commands(deployDryRun())) {
            if (command.contains("--stack-name shop-edge ") || command.contains("--stack-name shop-artifacts ")
                    || command.contains("--stack-name shop-monitoring ") || command.contains("lambda-edge")
                    || command.startsWith("aws ec2 describe-regions ")) {
                if (command.startsWith("aws ")) {
                    assertTrue(command.contains("--region us-east-1"), command);
                }
            } else if (command.contains("--stack-name shop-auth ") || command.contains("--stack-name shop-site ")
                    || command.contains("static-site")) {
                assertTrue(command.contains("--region eu-west-1"), command);
            }
        }
    }

    @Test
    void everyAwsCommandUsesTheProfile() {
        for (String command : commands(deployDryRun())) {
            if (command.startsWith("aws ") || command.contains("sync-site ")) {
                assertTrue(command.contains("--profile test-profile"), command);
            }
        }
    }

    @Test
    void everyParameterPassedAndEveryOutputReadExistsInItsTemplate() {
        Proc.Result result = deployDryRun("--token-lifetime", "10", "--refresh-days", "7",
                "--paying-group", "gold-members", "--mfa", "ON", "--self-sign-up", "false",
                "--auth-domain-prefix", "shop-login", "--feature-plan", "PLUS",
                "--threat-protection", "AUDIT", "--price-class", "PriceClass_All", "--access-logging", "Enabled",
                "--aliases", "shop.example.com",
                "--certificate-arn", "arn:aws:acm:us-east-1:123456789012:certificate/abc-123",
                "--hsts-include-subdomains", "true",
                "--web-acl-arn",
                "arn:aws:wafv2:us-east-1:123456789012:global/webacl/site/a1b2c3d4-5678-90ab-cdef-111122223333",
                "--error-alarm-topic", "arn:aws:sns:us-east-1:123456789012:alarms", "--log-retention-days", "14",
                "--decision-log", "all");
        Map<String, JsonNode> templates = decoded.shipped();
        int checkedParameters = 0;
        for (String command : commands(result)) {
            if (!command.startsWith("aws cloudformation deploy ")) {
                continue;
            }
            List<String> words = shellWords(command);
            String template = Path.of(words.get(words.indexOf("--template-file") + 1)).getFileName().toString();
            JsonNode parameters = templates.get(template).path("Parameters");
            int overrides = words.indexOf("--parameter-overrides");
            for (String override : overrides < 0 ? List.<String>of() : words.subList(overrides + 1, words.size())) {
                String key = override.substring(0, override.indexOf('='));
                assertTrue(parameters.has(key),
                        template + " has no parameter " + key + " (passed by: " + command + ")");
                checkedParameters++;
            }
        }
        assertTrue(checkedParameters >= 25, "expected every option to become a parameter, saw " + checkedParameters);

        Matcher output = Pattern.compile("<shop-(auth|artifacts|edge|site|monitoring)\\.([A-Za-z0-9]+)[>;]")
                .matcher(result.stdout());
        int checkedOutputs = 0;
        while (output.find()) {
            String template = TEMPLATE_OF_STACK.get(output.group(1));
            assertTrue(templates.get(template).path("Outputs").has(output.group(2)),
                    template + " has no output " + output.group(2) + ", which scripts/deploy reads");
            checkedOutputs++;
        }
        assertTrue(checkedOutputs >= 12, "expected the script to read the stacks' outputs, saw " + checkedOutputs);
    }

    @Test
    void theEdgeConfigFollowsTheBundleContract() throws IOException {
        String out = deployDryRun("--paying-group", "gold-members").stdout();
        Matcher heredoc = Pattern.compile("cat > \\S*site\\.json <<'JSON'\\n(.*?)\\nJSON\\n", Pattern.DOTALL)
                .matcher(out);
        assertTrue(heredoc.find(), "the dry run shows the edge config it would write:\n" + out);
        JsonNode config = JSON.readTree(heredoc.group(1));

        assertEquals("eu-west-1", config.path("region").asText());
        assertEquals("<shop-auth.UserPoolId>", config.path("userPoolId").asText());
        assertEquals("[\"<shop-auth.UserPoolClientId>\"]", config.path("clientIds").toString());
        assertEquals("[\"id\",\"access\"]", config.path("tokenUse").toString());
        assertEquals("/premium/*", config.path("rules").get(0).path("path").asText());
        assertEquals("[\"<shop-auth.PayingCustomersGroupName>\"]", config.path("rules").get(0).path("allow").toString(),
                "the group name comes from the stack, so it is the one Cognito really has");
        assertEquals("signed-in", config.path("rules").get(1).path("allow").asText());
        assertEquals("/account/*", config.path("rules").get(1).path("path").asText());
        assertEquals("public", config.path("rules").get(2).path("allow").asText());
        assertEquals("<shop-auth.HostedUiUrl>", config.path("signIn").path("domain").asText(),
                "the edge signs browsers in at the auth stack's hosted UI: " + config.path("signIn"));
        assertEquals("<shop-auth.UserPoolClientId>", config.path("signIn").path("clientId").asText());
        assertEquals("denials", config.path("decisionLog").asText(), "an explicit, documented decision log level");
        assertEquals(100, config.path("decisionLogDenialsPerSecond").asInt(), "and an explicit denial line limit");
        for (String status : List.of("401", "403")) {
            Path page = Path.of(config.path("errorPages").path(status).asText());
            assertTrue(page.isAbsolute() && Files.isRegularFile(page), "error page " + status + " is a file: " + page);
            assertTrue(Files.size(page) < 32 * 1024, page + " is too big to inline");
            assertEquals(repo.resolve("static-site/errors/" + status + ".html").toRealPath(), page.toRealPath());
        }
    }

    @Test
    void withAliasesEveryAliasAndTheDistributionsNameGetCallbackUrls() {
        List<String> commands = commands(deployDryRun("--aliases", "shop.example.com,www.shop.example.com",
                "--certificate-arn", "arn:aws:acm:us-east-1:123456789012:certificate/abc-123"));
        int auth = indexOf(commands, "Cognito stack", deployOf("shop-auth"));
        assertTrue(commands.get(auth).contains("'SiteDomains=<shop-site.DistributionDomainName>,"
                        + "shop.example.com,www.shop.example.com'"),
                commands.get(auth));
        int site = indexOf(commands, "site stack", deployOf("shop-site"));
        assertTrue(commands.get(site).contains("Aliases=shop.example.com,www.shop.example.com"), commands.get(site));
        assertTrue(commands.get(site)
                .contains("AcmCertificateArn=arn:aws:acm:us-east-1:123456789012:certificate/abc-123"));
        int callbacks = lastIndexOf(commands, "second Cognito deploy", deployOf("shop-auth"));
        assertTrue(commands.get(callbacks).contains("SiteDomains=<shop-site.SiteDomains>"), commands.get(callbacks));
    }

    @Test
    void theStacksStatesAreCheckedBeforeAnythingIsDeployed() {
        List<String> commands = commands(deployDryRun());
        int firstDeploy = indexOf(commands, "first deploy", line -> line.startsWith("aws cloudformation deploy "));
        for (String stack : List.of("shop-auth", "shop-artifacts", "shop-edge", "shop-site", "shop-monitoring")) {
            int status = indexOf(commands, "status of " + stack,
                    line -> line.startsWith("aws cloudformation describe-stacks --stack-name " + stack + " ")
                            && line.contains("StackStatus"));
            assertTrue(status < firstDeploy, stack + "'s state is read before anything changes");
        }
    }

    @Test
    void everyStackDeployIsFollowedByRemovingTheFailedChangeSetsItLeft() {
        List<String> commands = commands(deployDryRun());
        for (int i = 0; i < commands.size(); i++) {
            if (commands.get(i).startsWith("aws cloudformation deploy ")) {
                String stack = shellWords(commands.get(i)).get(4);
                assertTrue(commands.get(i + 1).startsWith("aws cloudformation list-change-sets --stack-name "
                        + stack + " ") && commands.get(i + 1).contains("Status==`FAILED`"),
                        "after " + commands.get(i) + " came " + commands.get(i + 1));
            }
        }
    }

    @Test
    void aliasesWithoutACertificateAreRefused() {
        Proc.Result result = script("deploy", "--dry-run", "--aliases", "shop.example.com");
        assertEquals(2, result.exitCode(), result.describe());
        assertTrue(result.stderr().contains("--aliases needs --certificate-arn"), result.stderr());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "--dry-run --frobnicate                  | unknown option: --frobnicate",
            "--dry-run --region                      | option --region needs a value",
            "--dry-run --stack-name --region x       | option --stack-name needs a value",
            "--dry-run --token-lifetime 2            | --token-lifetime must be a number of minutes from 5 to 1440",
            "--dry-run --mfa SOMETIMES               | --mfa must be OFF, OPTIONAL or ON",
            "--dry-run --stack-name Shop_Site        | --stack-name must be lower-case letters",
            "--dry-run --stack-name my-aws-site      | pass --auth-domain-prefix",
            "--dry-run --region mars-1               | --region does not look like a region",
            "--dry-run --price-class cheapest        | --price-class must be",
            "--dry-run --aliases *.example.com --certificate-arn arn:aws:acm:us-east-1:123456789012:certificate/a"
                    + " | a wildcard alias cannot sign in",
            "--dry-run --aliases shop.example.com,*.shop.example.com"
                    + " --certificate-arn arn:aws:acm:us-east-1:123456789012:certificate/a"
                    + " | a wildcard alias cannot sign in",
            "--dry-run --region af-south-1 --access-logging Enabled"
                    + " | CloudFront standard logging cannot deliver to a bucket in an opt-in region",
            "--dry-run --region eu-south-2 --access-logging Enabled | is not possible in eu-south-2",
            "--dry-run --threat-protection ENFORCED --feature-plan ESSENTIALS"
                    + " | --threat-protection needs --feature-plan PLUS",
            "--dry-run --callback-path /auth/callback | --callback-path is gone: the edge sign-in answers https://DOMAIN/_auth/callback",
            "--dry-run --log-retention-days 31       | --log-retention-days must be one of",
            "--dry-run --decision-log verbose        | --decision-log must be all, denials or off",
            "--dry-run --decision-log-denials-per-second 0 | --decision-log-denials-per-second must be a whole number",
            "--dry-run --decision-log-denials-per-second 1000001 | --decision-log-denials-per-second must be a whole",
            "--dry-run --decision-log-denials-per-second 1e3 | --decision-log-denials-per-second must be a whole",
            "--dry-run --web-acl-arn"
                    + " arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/a/a1b2c3d4-5678-90ab-cdef-111122223333"
                    + " | scope CLOUDFRONT",
            "--dry-run --error-alarm-topic arn:aws:sns:eu-west-1:123456789012:alarms | SNS topic ARN in us-east-1",
            "--dry-run --error-alarm-topic arn:aws:sns:us-east-1:123456789012:a --no-error-alarm"
                    + " | contradict each other",
            "--dry-run --hsts-include-subdomains yes  | --hsts-include-subdomains must be true or false"})
    void badInputGetsASpecificErrorAndANonZeroExit(String args, String message) {
        Proc.Result result = script("deploy", args.trim().split("\\s+"));
        assertNotEquals(0, result.exitCode(), result.describe());
        assertTrue(result.stderr().contains(message), "stderr should say '" + message + "':\n" + result.stderr());
        assertFalse(Files.exists(awsCalls));
    }

    @Test
    void helpDescribesTheStacksTheOrderAndTheOptions() {
        Proc.Result result = script("deploy", "--help");
        assertEquals(0, result.exitCode(), result.describe());
        for (String expected : List.of("Usage: scripts/deploy", "NAME-auth", "NAME-edge", "--dry-run", "--profile",
                "--region", "--stack-name", "revocation delay")) {
            assertTrue(result.stdout().contains(expected), "help should mention " + expected);
        }
    }

    // ---- destroy ------------------------------------------------------------------------------------------------

    @Test
    void destroyRemovesTheDistributionFirstAndTheEdgeFunctionLastAndWarnsAboutReplicas() {
        Proc.Result result = script("destroy", "--dry-run", "--stack-name", "shop", "--region", "eu-west-1",
                "--profile", "test-profile");
        assertEquals(0, result.exitCode(), result.describe());
        assertFalse(Files.exists(awsCalls), "the dry run called aws");
        assertTrue(result.stdout().contains("replicas") && result.stdout().contains("hours"), result.stdout());
        List<String> commands = commands(result);

        int alarm = indexOf(commands, "delete alarm",
                line -> line.startsWith("aws cloudformation delete-stack --stack-name shop-monitoring "));
        int emptySite = indexOf(commands, "empty site bucket",
                line -> line.startsWith("aws s3 rm 's3://<shop-site.SiteBucketName>'"));
        int site = indexOf(commands, "delete site",
                line -> line.startsWith("aws cloudformation delete-stack --stack-name shop-site "));
        int artifacts = indexOf(commands, "delete code bucket",
                line -> line.startsWith("aws cloudformation delete-stack --stack-name shop-artifacts "));
        int unprotect = indexOf(commands, "deletion protection off",
                line -> line.startsWith("aws cloudformation update-stack --stack-name shop-auth ")
                        && line.contains("ParameterKey=DeletionProtection,ParameterValue=INACTIVE"));
        int auth = indexOf(commands, "delete auth",
                line -> line.startsWith("aws cloudformation delete-stack --stack-name shop-auth "));
        int edge = indexOf(commands, "delete edge",
                line -> line.startsWith("aws cloudformation delete-stack --stack-name shop-edge "));
        int logBucket = indexOf(commands, "delete log bucket",
                line -> line.startsWith("aws s3api delete-bucket --bucket '<shop-site.AccessLogBucketName>'"));
        int logGroups = indexOf(commands, "delete log groups",
                line -> line.startsWith("aws logs describe-log-groups "));
        assertTrue(alarm < emptySite && emptySite < site && site < logBucket && logBucket < artifacts
                        && artifacts < unprotect && unprotect < auth && auth < edge && edge < logGroups,
                "order: alarm, empty bucket, site, log bucket, code bucket, auth (protection off first), "
                        + "edge, its log groups:\n"
                        + String.join("\n", commands));
        assertTrue(commands.get(edge).contains("--region us-east-1"), commands.get(edge));
        commands.stream().filter(line -> line.startsWith("aws "))
                .forEach(line -> assertTrue(line.contains("--profile test-profile"), line));
    }

    @Test
    void destroyWithKeepUsersLeavesTheUserPoolAlone() {
        Proc.Result result = script("destroy", "--dry-run", "--stack-name", "shop", "--keep-users");
        assertEquals(0, result.exitCode(), result.describe());
        assertFalse(result.stdout().contains("shop-auth"), result.stdout());
        assertTrue(result.stdout().contains("delete-stack --stack-name shop-edge"), result.stdout());
    }

    @Test
    void destroyRefusesToRunUnattendedWithoutYes() {
        Proc.Result result = script("destroy", "--stack-name", "shop");
        assertNotEquals(0, result.exitCode(), result.describe());
        assertTrue(result.stderr().contains("refusing to delete without --yes"), result.stderr());
        assertFalse(Files.exists(awsCalls), "nothing may be called before confirmation");
    }

    @Test
    void destroyNeedsTheStackName() {
        Proc.Result result = script("destroy", "--dry-run");
        assertEquals(2, result.exitCode(), result.describe());
        assertTrue(result.stderr().contains("--stack-name is required"), result.stderr());
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    /** Splits a line printed by shell_quote: bare words, or single-quoted words with '\'' for a quote. */
    static List<String> shellWords(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '\'') {
                    quoted = false;
                } else {
                    word.append(c);
                }
            } else if (c == '\'') {
                quoted = true;
                any = true;
            } else if (c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(++i));
                any = true;
            } else if (c == ' ') {
                if (any) {
                    words.add(word.toString());
                    word.setLength(0);
                    any = false;
                }
            } else {
                word.append(c);
                any = true;
            }
        }
        if (any) {
            words.add(word.toString());
        }
        return words;
    }

}
