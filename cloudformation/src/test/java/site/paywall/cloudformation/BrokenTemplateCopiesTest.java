package site.paywall.cloudformation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Each invariant fails on a deliberately broken copy of a shipped template: one text edit, the kind of change a
 * hurried commit makes. The copy is decoded by cfn-lint like the real one, then only the named rule is run, and
 * it must report a problem containing the expected words.
 */
class BrokenTemplateCopiesTest {
    private static DecodedTemplates decoded;

    @BeforeAll
    static void decode() {
        decoded = new DecodedTemplates();
    }

    @AfterAll
    static void stopDecoder() {
        if (decoded != null) {
            decoded.close();
        }
    }

    /** One broken copy: in {@code file}, the first {@code from} (after {@code anchor}, if any) becomes {@code to}. */
    record Breakage(String rule, String what, String file, String anchor, String from, String to, String expected) {
        static Breakage of(String rule, String what, String file, String from, String to, String expected) {
            return new Breakage(rule, what, file, null, from, to, expected);
        }

        static Breakage after(String rule, String what, String file, String anchor, String from, String to,
                String expected) {
            return new Breakage(rule, what, file, anchor, from, to, expected);
        }
    }

    private static final String ASSETS = "PathPattern: /assets/*";

    static final List<Breakage> BREAKAGES = List.of(
            // every behavior runs the authorizer
            Breakage.after("everyBehaviorRunsTheAuthorizer", "the /assets/* behavior loses its function", "site.yaml",
                    ASSETS, "            LambdaFunctionAssociations:\n              - EventType: viewer-request\n"
                            + "                LambdaFunctionARN: !Ref EdgeFunctionVersionArn\n"
                            + "                IncludeBody: false\n",
                    "", "CacheBehavior /assets/*: no viewer-request"),
            Breakage.of("everyBehaviorRunsTheAuthorizer", "the default behavior runs it at origin request instead",
                    "site.yaml",
                    "            - EventType: viewer-request\n              LambdaFunctionARN",
                    "            - EventType: origin-request\n              LambdaFunctionARN",
                    "DefaultCacheBehavior: no viewer-request"),
            Breakage.of("everyBehaviorRunsTheAuthorizer", "the default behavior points at $LATEST", "site.yaml",
                    "              LambdaFunctionARN: !Ref EdgeFunctionVersionArn\n              IncludeBody: false\n"
                            + "        CacheBehaviors:",
                    "              LambdaFunctionARN: "
                            + "arn:aws:lambda:us-east-1:123456789012:function:viewer-request:$LATEST\n"
                            + "              IncludeBody: false\n        CacheBehaviors:",
                    "is not a numbered function version"),
            Breakage.after("everyBehaviorRunsTheAuthorizer", "the version parameter accepts any ARN", "site.yaml",
                    "  EdgeFunctionVersionArn:\n    Type: String",
                    "AllowedPattern: \"^arn:aws[a-z-]*:lambda:us-east-1:[0-9]{12}:function:[A-Za-z0-9_-]{1,64}"
                            + ":[0-9]+$\"",
                    "AllowedPattern: \"^arn:aws:lambda:.*$\"", "also accepts"),
            // the function fits Lambda@Edge
            Breakage.of("edgeFunctionFitsLambdaAtEdge", "a Java runtime", "edge-function.yaml",
                    "Runtime: nodejs22.x", "Runtime: java21", "Runtime 'java21'"),
            Breakage.of("edgeFunctionFitsLambdaAtEdge", "a 30 s timeout", "edge-function.yaml",
                    "Timeout: 5", "Timeout: 30", "at most 5 seconds"),
            Breakage.of("edgeFunctionFitsLambdaAtEdge", "1 GB of memory", "edge-function.yaml",
                    "MemorySize: 128", "MemorySize: 1024", "at most 128 MB"),
            Breakage.after("edgeFunctionFitsLambdaAtEdge", "environment variables", "edge-function.yaml",
                    "    Type: AWS::Lambda::Function\n",
                    "      Timeout: !FindInMap [FunctionSettings, ViewerRequest, Timeout]\n",
                    "      Timeout: !FindInMap [FunctionSettings, ViewerRequest, Timeout]\n"
                            + "      Environment:\n        Variables:\n"
                            + "          USER_POOL_ID: us-east-1_example\n",
                    "Environment is not supported"),
            Breakage.of("edgeFunctionFitsLambdaAtEdge", "another handler", "edge-function.yaml",
                    "Handler: index.handler", "Handler: app.main", "not the bundle's index.handler"),
            // the role
            Breakage.of("edgeRoleTrustsLambdaAndEdgeLambdaAndOnlyLogs", "edgelambda no longer trusted",
                    "edge-function.yaml",
                    "                - edgelambda.amazonaws.com\n", "", "not trusted by edgelambda.amazonaws.com"),
            Breakage.of("edgeRoleTrustsLambdaAndEdgeLambdaAndOnlyLogs", "the role may also read S3",
                    "edge-function.yaml",
                    "                  - logs:PutLogEvents\n",
                    "                  - logs:PutLogEvents\n                  - s3:GetObject\n",
                    "allows s3:GetObject"),
            Breakage.of("edgeRoleTrustsLambdaAndEdgeLambdaAndOnlyLogs", "a managed policy attached",
                    "edge-function.yaml",
                    "      Policies:\n        - PolicyName: write-own-logs",
                    "      ManagedPolicyArns: [arn:aws:iam::aws:policy/AdministratorAccess]\n"
                            + "      Policies:\n        - PolicyName: write-own-logs",
                    "has ManagedPolicyArns"),
            // the bucket policy
            Breakage.of("siteBucketReadableOnlyByThisDistribution", "no AWS:SourceArn condition", "site.yaml",
                    "            Resource: !Sub \"${SiteBucket.Arn}/*\"\n            Condition:\n"
                            + "              StringEquals:\n"
                            + "                \"AWS:SourceArn\": "
                            + "!Sub \"arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:"
                            + "distribution/${Distribution}\"\n",
                    "            Resource: !Sub \"${SiteBucket.Arn}/*\"\n",
                    "no StringEquals AWS:SourceArn condition"),
            Breakage.of("siteBucketReadableOnlyByThisDistribution", "any distribution of the account", "site.yaml",
                    "distribution/${Distribution}\"", "distribution/*\"", "is not this distribution"),
            Breakage.of("siteBucketReadableOnlyByThisDistribution", "everyone may read", "site.yaml",
                    "            Principal:\n              Service: cloudfront.amazonaws.com\n",
                    "            Principal: \"*\"\n",
                    "allows principal \"*\""),
            // public access
            Breakage.after("bucketsBlockPublicAccess", "the site bucket allows public policies", "site.yaml",
                    "  SiteBucket:\n", "BlockPublicPolicy: true", "BlockPublicPolicy: false",
                    "SiteBucket: PublicAccessBlockConfiguration.BlockPublicPolicy is not true"),
            Breakage.of("bucketsBlockPublicAccess", "the site bucket turns ACLs back on", "site.yaml",
                    "ObjectOwnership: BucketOwnerEnforced", "ObjectOwnership: ObjectWriter", "not BucketOwnerEnforced"),
            Breakage.of("bucketsBlockPublicAccess", "the code bucket allows public buckets", "artifacts.yaml",
                    "RestrictPublicBuckets: true", "RestrictPublicBuckets: false",
                    "ArtifactsBucket: PublicAccessBlockConfiguration.RestrictPublicBuckets is not true"),
            // error responses
            Breakage.of("noErrorResponseServesContent", "403 mapped to /index.html with 200", "site.yaml",
                    "        DefaultRootObject: index.html\n",
                    "        DefaultRootObject: index.html\n        CustomErrorResponses:\n          - ErrorCode: 403\n"
                            + "            ResponseCode: 200\n            ResponsePagePath: /index.html\n",
                    "403 -> 200 /index.html serves a success page"),
            // cache key
            Breakage.after("tokenStaysOutOfTheCacheKey", "Authorization in the page cache key", "site.yaml",
                    "${AWS::StackName}-pages", "HeaderBehavior: none",
                    "HeaderBehavior: whitelist\n            Headers: [Authorization]",
                    "header 'Authorization' in the cache key"),
            Breakage.after("tokenStaysOutOfTheCacheKey", "all cookies in the asset cache key", "site.yaml",
                    "${AWS::StackName}-assets", "CookieBehavior: none", "CookieBehavior: all", "cookie behavior 'all'"),
            Breakage.after("tokenStaysOutOfTheCacheKey", "the id_token cookie in the page cache key", "site.yaml",
                    "${AWS::StackName}-pages", "CookieBehavior: none",
                    "CookieBehavior: whitelist\n            Cookies: [id_token]", "cookie 'id_token' in the cache key"),
            // us-east-1
            Breakage.of("edgeFunctionStackOnlyInUsEast1", "the region rule removed", "edge-function.yaml",
                    "Rules:\n  OnlyUsEast1:\n    Assertions:\n"
                            + "      - Assert: !Equals [!Ref \"AWS::Region\", us-east-1]\n"
                            + "        AssertDescription: Lambda@Edge functions must be created in us-east-1.\n",
                    "", "no unconditional Rules assertion"),
            Breakage.of("edgeFunctionStackOnlyInUsEast1", "the rule names another region", "edge-function.yaml",
                    "!Equals [!Ref \"AWS::Region\", us-east-1]", "!Equals [!Ref \"AWS::Region\", us-west-2]",
                    "no unconditional Rules assertion"),
            Breakage.of("edgeFunctionStackOnlyInUsEast1", "the rule made conditional", "edge-function.yaml",
                    "  OnlyUsEast1:\n    Assertions:",
                    "  OnlyUsEast1:\n    RuleCondition: !Equals [!Ref CodeS3Bucket, never]\n    Assertions:",
                    "no unconditional Rules assertion"),
            // OAC
            Breakage.of("originIsPrivateS3ThroughOac", "the website endpoint as origin", "site.yaml",
                    "DomainName: !GetAtt SiteBucket.RegionalDomainName",
                    "DomainName: !Select [2, !Split [\"/\", !GetAtt SiteBucket.WebsiteURL]]",
                    "is not the REST endpoint"),
            Breakage.of("originIsPrivateS3ThroughOac", "OAC that lets viewers' signatures through", "site.yaml",
                    "SigningBehavior: always", "SigningBehavior: no-override", "SigningBehavior is 'no-override'"),
            Breakage.of("originIsPrivateS3ThroughOac", "no OAC on the origin", "site.yaml",
                    "            OriginAccessControlId: !GetAtt SiteOriginAccessControl.Id\n", "",
                    "no OriginAccessControlId"),
            // HTTPS, read-only, headers, logs
            Breakage.after("viewersAreSentToHttps", "plain HTTP for /assets/*", "site.yaml",
                    ASSETS, "ViewerProtocolPolicy: redirect-to-https", "ViewerProtocolPolicy: allow-all",
                    "'allow-all'"),
            Breakage.after("behaviorsAreReadOnly", "PUT and DELETE on /assets/*", "site.yaml",
                    ASSETS, "AllowedMethods: [GET, HEAD]",
                    "AllowedMethods: [GET, HEAD, OPTIONS, PUT, PATCH, POST, DELETE]",
                    "allows PUT"),
            Breakage.after("behaviorsAreReadOnly", "the sign-in paths without POST", "site.yaml",
                    "PathPattern: /_auth/*", "AllowedMethods: [GET, HEAD, OPTIONS, PUT, PATCH, POST, DELETE]",
                    "AllowedMethods: [GET, HEAD]", "need POST"),
            Breakage.after("securityHeadersOnEveryBehavior", "/assets/* without the headers policy", "site.yaml",
                    ASSETS, "            ResponseHeadersPolicyId: !Ref SecurityHeadersPolicy\n", "",
                    "CacheBehavior /assets/*: no response headers policy"),
            Breakage.of("securityHeadersOnEveryBehavior", "inline styles allowed", "site.yaml",
                    "style-src 'self';", "style-src 'self' 'unsafe-inline';", "allows 'unsafe-inline'"),
            Breakage.of("securityHeadersOnEveryBehavior", "framing allowed", "site.yaml",
                    "FrameOption: DENY", "FrameOption: SAMEORIGIN", "X-Frame-Options is not DENY"),
            Breakage.of("accessLogsNeverRecordCookies", "cookies (tokens) in the access logs", "site.yaml",
                    "IncludeCookies: false", "IncludeCookies: true", "include cookies"),
            // Cognito
            Breakage.of("appClientUsesTheCodeFlowOnly", "the implicit flow allowed", "auth.yaml",
                    "AllowedOAuthFlows: !If [HasSiteDomains, [code], !Ref AWS::NoValue]",
                    "AllowedOAuthFlows: !If [HasSiteDomains, [code, implicit], !Ref AWS::NoValue]",
                    "OAuth flow 'implicit'"),
            Breakage.of("appClientUsesTheCodeFlowOnly", "user existence errors shown", "auth.yaml",
                    "PreventUserExistenceErrors: ENABLED", "PreventUserExistenceErrors: LEGACY",
                    "PreventUserExistenceErrors is not ENABLED"),
            Breakage.after("tokensAreShortLivedByDefault", "day-long tokens by default", "auth.yaml",
                    "  TokenLifetimeMinutes:\n    Type: Number\n", "Default: 15", "Default: 1440",
                    "IdToken lives 1440 minutes"),
            Breakage.of("tokensAreShortLivedByDefault", "access token lifetime counted in hours", "auth.yaml",
                    "AccessToken: minutes", "AccessToken: hours", "AccessToken lives 900 minutes"),
            // a configuration change reaches the edge (issue 9, point 2)
            Breakage.after("edgeVersionTracksFunctionConfig", "the timeout written into the function only",
                    "edge-function.yaml",
                    "    Type: AWS::Lambda::Function\n",
                    "      Timeout: !FindInMap [FunctionSettings, ViewerRequest, Timeout]\n", "      Timeout: 5\n",
                    "Timeout is a literal"),
            Breakage.of("edgeVersionTracksFunctionConfig", "the version repeats the runtime as a literal",
                    "edge-function.yaml",
                    "        - Runtime: !FindInMap [FunctionSettings, ViewerRequest, Runtime]\n",
                    "        - Runtime: nodejs22.x\n",
                    "Runtime depends on [map:FunctionSettings/ViewerRequest/Runtime], which the version does not"),
            Breakage.of("edgeVersionTracksFunctionConfig", "the version no longer names the role", "edge-function.yaml",
                    " role ${EdgeFunctionRole.Arn}\"", "\"", "Role depends on [resource:EdgeFunctionRole]"),
            // every site domain can sign in (point 6)
            Breakage.of("appClientRegistersEverySiteDomain", "only the first domain registered", "auth.yaml",
                    "        - !Split [\",\", !Sub [\"https://${Hosts}/_auth/callback\", {Hosts: !Join [\"/_auth/callback,https://\", !Ref SiteDomains]}]]\n",
                    "        - [!Sub [\"https://${Host}/_auth/callback\", {Host: !Select [0, !Ref SiteDomains]}]]\n",
                    "CallbackURLs for [d111111abcdef8.cloudfront.net, shop.example.com, www.shop.example.com] is [https://d111111abcdef8.cloudfront.net/_auth/callback]"),
            Breakage.of("appClientRegistersEverySiteDomain", "the old sign-out path", "auth.yaml",
                    "!Sub [\"https://${Hosts}/\", {Hosts: !Join [\"/,https://\", !Ref SiteDomains]}]]\n        - !Ref AWS::NoValue",
                    "!Sub [\"https://${Hosts}/auth/signed-out\", {Hosts: !Join [\"/auth/signed-out,https://\", !Ref SiteDomains]}]]\n        - !Ref AWS::NoValue",
                    "LogoutURLs for"),
            Breakage.after("appClientRegistersEverySiteDomain", "wildcard domains accepted", "auth.yaml",
                    "  SiteDomains:\n", "AllowedPattern: \"^$|^[a-z0-9]", "AllowedPattern: \"^$|^[*a-z0-9]",
                    "AllowedPattern accepts '*.example.com'"),
            // smaller points (point 9)
            Breakage.of("certificateOnlyWithAliases", "the certificate stays without aliases", "site.yaml",
                    "  UsesCustomCertificate: "
                            + "!And [!Condition HasAliases, !Not [!Equals [!Ref AcmCertificateArn, \"\"]]]",
                    "  UsesCustomCertificate: !Not [!Equals [!Ref AcmCertificateArn, \"\"]]",
                    "with no aliases but a certificate left over"),
            Breakage.of("hstsSubdomainsAreOptIn", "includeSubDomains hard-coded", "site.yaml",
                    "IncludeSubdomains: !Ref HstsIncludeSubdomains", "IncludeSubdomains: true", "not a parameter"),
            Breakage.after("hstsSubdomainsAreOptIn", "includeSubDomains on by default", "site.yaml",
                    "  HstsIncludeSubdomains:\n", "Default: \"false\"", "Default: \"true\"", "defaults to"),
            Breakage.of("hostedUiPrefixHidesTheAccount", "the account id in the default prefix", "auth.yaml",
                    "        - !Join [\"-\", [!Ref \"AWS::StackName\", "
                            + "!Select [0, !Split [\"-\", !Select [2, !Split [\"/\", !Ref \"AWS::StackId\"]]]]]]",
                    "        - !Sub \"${AWS::StackName}-${AWS::AccountId}\"", "publishes the AWS account id"),
            // no debris (point 5)
            Breakage.after("accessLogBucketOutlivesTheDistribution", "the log bucket deleted with the stack",
                    "site.yaml",
                    "  AccessLogBucket:\n", "DeletionPolicy: Retain", "DeletionPolicy: Delete",
                    "has DeletionPolicy Delete"),
            // logging regions (point 6)
            Breakage.of("accessLoggingOnlyWhereCloudFrontDelivers", "Cape Town allowed", "site.yaml",
                    "          - [us-east-1, us-east-2,", "          - [af-south-1, us-east-1, us-east-2,",
                    "allows access logging in af-south-1"),
            Breakage.of("accessLoggingOnlyWhereCloudFrontDelivers", "the region rule dropped", "site.yaml",
                    "    RuleCondition: !Equals [!Ref AccessLogging, Enabled]\n",
                    "    RuleCondition: !Equals [!Ref PriceClass, never]\n",
                    "no Rules assertion limits AccessLogging"),
            // the anchor's options (point 10)
            Breakage.after("webAclIsOptionalAndCloudFrontScoped", "a regional web ACL accepted", "site.yaml",
                    "  WebAclArn:\n", ":global/webacl/", ":(global|regional)/webacl/",
                    "AllowedPattern accepts 'arn:aws:wafv2:us-east-1:123456789012:regional"),
            Breakage.of("errorAlarmWatchesTheDistribution", "the alarm on a regional dimension", "monitoring.yaml",
                    "          Value: Global", "          Value: us-east-1", "the Region dimension must be Global"),
            Breakage.of("errorAlarmWatchesTheDistribution", "the alarm template may go anywhere", "monitoring.yaml",
                    "      - Assert: !Equals [!Ref \"AWS::Region\", us-east-1]",
                    "      - Assert: !Equals [!Ref ErrorRateThresholdPercent, 5]",
                    "does not assert us-east-1"),
            Breakage.of("cognitoFeaturePlanIsExplicit", "the feature plan left to Cognito", "auth.yaml",
                    "      UserPoolTier: !Ref FeaturePlan\n", "", "UserPoolTier is not set from a parameter"),
            Breakage.of("cognitoFeaturePlanIsExplicit", "threat protection without PLUS", "auth.yaml",
                    "      - Assert: !Equals [!Ref FeaturePlan, PLUS]",
                    "      - Assert: !Not [!Equals [!Ref FeaturePlan, LITE]]",
                    "no Rules assertion requires FeaturePlan PLUS"));

    @TestFactory
    Stream<DynamicTest> eachInvariantCatchesItsBrokenCopy() {
        return BREAKAGES.stream()
                .map(breakage -> DynamicTest.dynamicTest(breakage.rule() + ": " + breakage.what(), () -> {
                    TemplateInvariants.Rule rule = TemplateInvariants.all().get(breakage.rule());
                    assertTrue(rule != null, "no rule named " + breakage.rule());
                    assertTrue(rule.apply(decoded.shipped()).isEmpty(),
                            "the shipped templates should pass " + breakage.rule());
                    Map<String, JsonNode> broken = decoded.withEdit(breakage.file(), breakage.anchor(),
                            breakage.from(), breakage.to());
                    List<String> problems = rule.apply(broken);
                    assertTrue(problems.stream().anyMatch(problem -> problem.contains(breakage.expected())),
                            () -> "expected a problem containing '" + breakage.expected() + "', got " + problems);
                }));
    }

    @Test
    void everyInvariantHasAtLeastOneBrokenCopy() {
        Set<String> covered = new TreeSet<>();
        BREAKAGES.forEach(breakage -> covered.add(breakage.rule()));
        Set<String> uncovered = new TreeSet<>(TemplateInvariants.all().keySet());
        uncovered.removeAll(covered);
        assertTrue(uncovered.isEmpty(), "invariants without a broken copy: " + uncovered);
    }
}
