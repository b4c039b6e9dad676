package site.paywall.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped templates satisfy each of our invariants (BrokenTemplateCopiesTest shows each one can fail). */
class TemplateInvariantsTest {
    private static DecodedTemplates decoded;
    private static Map<String, JsonNode> templates;

    @BeforeAll
    static void decode() {
        decoded = new DecodedTemplates();
        templates = decoded.shipped();
    }

    @AfterAll
    static void stopDecoder() {
        if (decoded != null) {
            decoded.close();
        }
    }

    private static void assertHolds(TemplateInvariants.Rule rule) {
        List<String> problems = rule.apply(templates);
        assertTrue(problems.isEmpty(), () -> "problems:\n  " + String.join("\n  ", problems));
    }

    @Test
    void everyBehaviorRunsTheAuthorizerWithANumberedVersion() {
        assertHolds(TemplateInvariants::everyBehaviorRunsTheAuthorizer);
    }

    @Test
    void theDistributionHasBehaviorsBesidesTheDefaultSoTheEveryBehaviorRuleIsExercised() {
        JsonNode config = templates.get("site.yaml").path("Resources").path("Distribution").path("Properties")
                .path("DistributionConfig");
        assertFalse(config.path("CacheBehaviors").isEmpty(),
                "site.yaml should have a non-default behavior (/assets/*)");
    }

    @Test
    void edgeFunctionIsNodeJsWithTheBundlesHandlerAndFitsViewerRequestLimits() {
        assertHolds(TemplateInvariants::edgeFunctionFitsLambdaAtEdge);
        JsonNode function = templates.get("edge-function.yaml").path("Resources").path("EdgeFunction")
                .path("Properties");
        assertEquals("nodejs22.x", function.path("Runtime").asText());
        assertEquals(128, function.path("MemorySize").asInt());
    }

    @Test
    void edgeRoleIsTrustedByLambdaAndEdgeLambdaAndMayOnlyLog() {
        assertHolds(TemplateInvariants::edgeRoleTrustsLambdaAndEdgeLambdaAndOnlyLogs);
    }

    @Test
    void siteBucketPolicyGrantsGetObjectToThisDistributionOnly() {
        assertHolds(TemplateInvariants::siteBucketReadableOnlyByThisDistribution);
    }

    @Test
    void everyBucketBlocksPublicAccess() {
        assertHolds(TemplateInvariants::bucketsBlockPublicAccess);
    }

    @Test
    void noCustomErrorResponseTurnsAnErrorIntoA200() {
        assertHolds(TemplateInvariants::noErrorResponseServesContent);
    }

    @Test
    void tokenStaysOutOfTheCacheKey() {
        assertHolds(TemplateInvariants::tokenStaysOutOfTheCacheKey);
    }

    @Test
    void edgeStackRefusesEveryRegionButUsEast1() {
        assertHolds(TemplateInvariants::edgeFunctionStackOnlyInUsEast1);
    }

    @Test
    void theCodeBucketStackIsPinnedToUsEast1Too() {
        JsonNode rules = templates.get("artifacts.yaml").path("Rules");
        assertTrue(rules.toString().contains("\"us-east-1\""), "artifacts.yaml should assert us-east-1: " + rules);
    }

    @Test
    void originIsThePrivateBucketsRestEndpointThroughOac() {
        assertHolds(TemplateInvariants::originIsPrivateS3ThroughOac);
    }

    @Test
    void viewersAreSentToHttps() {
        assertHolds(TemplateInvariants::viewersAreSentToHttps);
    }

    @Test
    void behaviorsAreReadOnly() {
        assertHolds(TemplateInvariants::behaviorsAreReadOnly);
    }

    @Test
    void everyBehaviorSendsTheSecurityHeaders() {
        assertHolds(TemplateInvariants::securityHeadersOnEveryBehavior);
    }

    @Test
    void accessLogsNeverRecordCookies() {
        assertHolds(TemplateInvariants::accessLogsNeverRecordCookies);
    }

    @Test
    void appClientUsesTheCodeFlowOnly() {
        assertHolds(TemplateInvariants::appClientUsesTheCodeFlowOnly);
    }

    @Test
    void tokensLiveFifteenMinutesAndRefreshTokensThirtyDaysByDefault() {
        assertHolds(TemplateInvariants::tokensAreShortLivedByDefault);
        JsonNode lifetime = templates.get("auth.yaml").path("Parameters").path("TokenLifetimeMinutes");
        assertEquals(15, lifetime.path("Default").asInt());
    }

    @Test
    void distributionServesHttp2And3WithAnIndexAsRootObject() {
        JsonNode config = templates.get("site.yaml").path("Resources").path("Distribution").path("Properties")
                .path("DistributionConfig");
        assertEquals("http2and3", config.path("HttpVersion").asText());
        assertEquals("index.html", config.path("DefaultRootObject").asText());
    }

    @Test
    void everyOutputAnAdminNeedsIsThere() {
        List<String> missing = new ArrayList<>();
        Map<String, List<String>> needed = Map.of(
                "site.yaml", List.of("DistributionDomainName", "DistributionId", "SiteBucketName", "SiteDomain",
                        "SiteUrl"),
                "auth.yaml", List.of("UserPoolId", "UserPoolClientId", "HostedUiDomain", "Issuer",
                        "PayingCustomersGroupName"),
                "edge-function.yaml", List.of("EdgeFunctionVersionArn"),
                "artifacts.yaml", List.of("ArtifactsBucketName"));
        needed.forEach((file, outputs) -> outputs.stream()
                .filter(output -> !templates.get(file).path("Outputs").has(output))
                .forEach(output -> missing.add(file + " " + output)));
        assertTrue(missing.isEmpty(), "missing outputs: " + missing);
    }

    @Test
    void userPoolSignsInByEmailAndOffersMfa() {
        JsonNode auth = templates.get("auth.yaml");
        JsonNode pool = auth.path("Resources").path("UserPool").path("Properties");
        assertEquals("[\"email\"]", pool.path("UsernameAttributes").toString());
        assertTrue(pool.path("Policies").path("PasswordPolicy").path("MinimumLength").asInt() >= 12);
        assertEquals("[\"OFF\",\"OPTIONAL\",\"ON\"]",
                auth.path("Parameters").path("MfaConfiguration").path("AllowedValues").toString());
        assertEquals("paying-customers",
                auth.path("Parameters").path("PayingCustomersGroupName").path("Default").asText());
    }
}
