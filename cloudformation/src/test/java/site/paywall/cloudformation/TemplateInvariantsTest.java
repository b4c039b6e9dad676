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
        JsonNode edge = templates.get("edge-function.yaml");
        JsonNode function = TemplateEvaluator.resolveMappings(edge,
                edge.path("Resources").path("EdgeFunction").path("Properties"));
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
                "site.yaml", List.of("DistributionDomainName", "DistributionId", "SiteBucketName", "SiteDomains",
                        "SiteUrl"),
                "auth.yaml", List.of("UserPoolId", "UserPoolClientId", "HostedUiDomain", "HostedUiUrl", "Issuer",
                        "PayingCustomersGroupName", "CallbackUrls", "SignOutUrls"),
                "edge-function.yaml", List.of("EdgeFunctionVersionArn", "LogRetentionDays", "DecisionLog",
                        "DecisionLogDenialsPerSecond"),
                "artifacts.yaml", List.of("ArtifactsBucketName"),
                "monitoring.yaml", List.of("ErrorRateAlarmName"));
        needed.forEach((file, outputs) -> outputs.stream()
                .filter(output -> !templates.get(file).path("Outputs").has(output))
                .forEach(output -> missing.add(file + " " + output)));
        assertTrue(missing.isEmpty(), "missing outputs: " + missing);
    }

    // ---- issue 9: operations ---------------------------------------------------------------------------------------

    @Test
    void aChangedRuntimeMemoryTimeoutHandlerOrRolePublishesANewVersion() {
        assertHolds(OperationsInvariants::edgeVersionTracksFunctionConfig);
    }

    @Test
    void everySiteDomainGetsTheSignInCallbackAndSignOutUrls() {
        assertHolds(OperationsInvariants::appClientRegistersEverySiteDomain);
    }

    @Test
    void theCertificateIsOnlyAttachedWithAliases() {
        assertHolds(OperationsInvariants::certificateOnlyWithAliases);
    }

    @Test
    void hstsIncludeSubdomainsIsAnOptInParameter() {
        assertHolds(OperationsInvariants::hstsSubdomainsAreOptIn);
    }

    @Test
    void theDefaultHostedUiPrefixDoesNotPublishTheAccountId() {
        assertHolds(OperationsInvariants::hostedUiPrefixHidesTheAccount);
    }

    @Test
    void theAccessLogBucketOutlivesTheDistribution() {
        assertHolds(OperationsInvariants::accessLogBucketOutlivesTheDistribution);
    }

    @Test
    void accessLoggingIsRefusedWhereCloudFrontCannotDeliverLogs() {
        assertHolds(OperationsInvariants::accessLoggingOnlyWhereCloudFrontDelivers);
    }

    @Test
    void theWebAclIsOptionalAndCloudFrontScoped() {
        assertHolds(OperationsInvariants::webAclIsOptionalAndCloudFrontScoped);
    }

    @Test
    void theErrorAlarmWatchesTheDistributionsFiveHundredsInUsEast1() {
        assertHolds(OperationsInvariants::errorAlarmWatchesTheDistribution);
    }

    @Test
    void theCognitoFeaturePlanIsExplicitAndThreatProtectionOptional() {
        assertHolds(OperationsInvariants::cognitoFeaturePlanIsExplicit);
        JsonNode parameters = templates.get("auth.yaml").path("Parameters");
        assertEquals("ESSENTIALS", parameters.path("FeaturePlan").path("Default").asText());
        assertEquals("OFF", parameters.path("ThreatProtection").path("Default").asText());
    }

    @Test
    void logsAreKeptThirtyDaysAndOnlyDenialsAreLoggedByDefault() {
        JsonNode parameters = templates.get("edge-function.yaml").path("Parameters");
        assertEquals(30, parameters.path("LogRetentionDays").path("Default").asInt());
        assertEquals("denials", parameters.path("DecisionLog").path("Default").asText());
        assertEquals("[\"all\",\"denials\",\"off\"]", parameters.path("DecisionLog").path("AllowedValues").toString(),
                "the edge config's decisionLog values");
        JsonNode limit = parameters.path("DecisionLogDenialsPerSecond");
        assertEquals(List.of(100, 1, 1000000), List.of(limit.path("Default").asInt(), limit.path("MinValue").asInt(),
                limit.path("MaxValue").asInt()), "the edge config's decisionLogDenialsPerSecond default and bounds");
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
