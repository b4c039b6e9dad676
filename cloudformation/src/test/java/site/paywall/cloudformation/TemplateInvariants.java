package site.paywall.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Our own rules for the templates, the ones cfn-lint cannot know (guide sections 1, 2, 7). Each rule takes
 * every decoded template (file name to JSON, as cfn-lint's loader reads them) and returns the problems it
 * finds, each naming the file and resource; an empty list means the rule holds.
 *
 * <p>Values behind {@code Fn::If} are checked in every branch: a rule must hold whatever the parameters.
 */
final class TemplateInvariants {
    private TemplateInvariants() {}

    /** A rule over all templates. */
    interface Rule extends Function<Map<String, JsonNode>, List<String>> {}

    static final String US_EAST_1 = "us-east-1";

    // ---- 1. the authorizer on every behavior -----------------------------------------------------------------

    /**
     * Every cache behavior, the default one and each other, has a viewer-request association with a numbered version
     * ARN.
     */
    static List<String> everyBehaviorRunsTheAuthorizer(Map<String, JsonNode> templates) {
        List<String> problems = new ArrayList<>();
        forEachBehavior(templates, (where, template, behavior) -> {
            List<JsonNode> viewerRequest = new ArrayList<>();
            for (JsonNode association : alternativesOfList(behavior.path("LambdaFunctionAssociations"))) {
                if ("viewer-request".equals(association.path("EventType").asText())) {
                    viewerRequest.add(association);
                }
            }
            if (viewerRequest.isEmpty()) {
                problems.add(where + ": no viewer-request Lambda@Edge association,"
                        + " so this path is served without the authorizer");
            }
            for (JsonNode association : viewerRequest) {
                for (JsonNode arn : alternatives(association.path("LambdaFunctionARN"))) {
                    String why = whyNotANumberedVersionArn(template, arn);
                    if (why != null) {
                        problems.add(where + ": viewer-request LambdaFunctionARN " + why);
                    }
                }
            }
        });
        return problems;
    }

    private static final Pattern NUMBERED_VERSION_ARN =
            Pattern.compile("^arn:aws[a-z-]*:lambda:us-east-1:[0-9]{12}:function:[A-Za-z0-9_-]{1,64}:[0-9]+$");

    /** Null if {@code arn} can only be a numbered version ARN in us-east-1, else why not. */
    static String whyNotANumberedVersionArn(JsonNode template, JsonNode arn) {
        if (arn.isTextual()) {
            return NUMBERED_VERSION_ARN.matcher(arn.asText()).matches() ? null
                    : "'" + arn.asText() + "' is not a numbered function version in us-east-1";
        }
        String ref = refName(arn);
        if (ref == null) {
            return "is neither a literal ARN, a parameter nor an AWS::Lambda::Version: " + arn;
        }
        JsonNode resource = template.path("Resources").path(ref);
        if (!resource.isMissingNode()) {
            return "AWS::Lambda::Version".equals(resource.path("Type").asText()) ? null
                    : "refers to " + ref + " of type " + resource.path("Type").asText()
                            + ", not an AWS::Lambda::Version";
        }
        JsonNode parameter = template.path("Parameters").path(ref);
        if (parameter.isMissingNode()) {
            return "refers to " + ref + ", which is neither a parameter nor a resource";
        }
        String pattern = parameter.path("AllowedPattern").asText("");
        if (pattern.isEmpty()) {
            return "comes from parameter " + ref
                    + " without an AllowedPattern, so $LATEST or an alias would be accepted";
        }
        Pattern allowed;
        try {
            allowed = Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            return "comes from parameter " + ref + " whose AllowedPattern does not compile: " + e.getDescription();
        }
        String base = "arn:aws:lambda:us-east-1:123456789012:function:viewer-request";
        if (!allowed.matcher(base + ":7").matches()) {
            return "comes from parameter " + ref + " whose AllowedPattern refuses a numbered version ARN";
        }
        for (String wrong : List.of(base + ":$LATEST", base, base + ":live",
                "arn:aws:lambda:eu-west-1:123456789012:function:viewer-request:7")) {
            if (allowed.matcher(wrong).matches()) {
                return "comes from parameter " + ref + " whose AllowedPattern also accepts " + wrong;
            }
        }
        return null;
    }

    // ---- 2. the function fits Lambda@Edge ----------------------------------------------------------------------

    /**
     * Node.js runtime, the bundle's handler, 128 MB, at most 5 s, none of what Lambda@Edge refuses, and a published
     * version.
     */
    static List<String> edgeFunctionFitsLambdaAtEdge(Map<String, JsonNode> templates) {
        List<String> problems = new ArrayList<>();
        forEachResource(templates, "AWS::Lambda::Function", (where, template, id, declared) -> {
            JsonNode properties = TemplateEvaluator.resolveMappings(template, declared);
            String runtime = properties.path("Runtime").asText("");
            if (!runtime.matches("nodejs(2[2-9]|[3-9][0-9])\\.x")) {
                problems.add(where + ": Runtime '" + runtime + "' is not Node.js 22 or later"
                        + " (Lambda@Edge runs Node.js and Python only; the bundle is JavaScript)");
            }
            if (!"index.handler".equals(properties.path("Handler").asText())) {
                problems.add(where + ": Handler '" + properties.path("Handler").asText()
                        + "' is not the bundle's index.handler");
            }
            if (!properties.path("MemorySize").canConvertToInt() || properties.path("MemorySize").asInt() > 128) {
                problems.add(where + ": MemorySize must be set and at most 128 MB for viewer-request functions");
            }
            if (!properties.path("Timeout").canConvertToInt() || properties.path("Timeout").asInt() > 5) {
                problems.add(where + ": Timeout must be set and at most 5 seconds for viewer-request functions");
            }
            for (String unsupported : List.of("Environment", "Layers", "VpcConfig", "FileSystemConfigs", "ImageConfig",
                    "DeadLetterConfig", "SnapStart")) {
                if (properties.has(unsupported)) {
                    problems.add(where + ": " + unsupported
                            + " is not supported by Lambda@Edge (configuration travels inside the zip)");
                }
            }
            if (properties.has("PackageType") && !"Zip".equals(properties.path("PackageType").asText())) {
                problems.add(where + ": PackageType must be Zip");
            }
            for (JsonNode architectures : alternatives(properties.path("Architectures"))) {
                if (!architectures.isMissingNode()
                        && !(architectures.size() == 1 && "x86_64".equals(architectures.get(0).asText()))) {
                    problems.add(where + ": Lambda@Edge supports x86_64 only, not " + architectures);
                }
            }
            boolean published = false;
            for (JsonNode resource : iterable(template.path("Resources"))) {
                if ("AWS::Lambda::Version".equals(resource.path("Type").asText())
                        && id.equals(refName(resource.path("Properties").path("FunctionName")))) {
                    published = true;
                }
            }
            if (!published) {
                problems.add(where + ": no AWS::Lambda::Version publishes it (CloudFront needs a numbered version)");
            }
        });
        return problems;
    }

    // ---- 3. the role ---------------------------------------------------------------------------------------------

    /**
     * The function's role is trusted by lambda.amazonaws.com and edgelambda.amazonaws.com (only) and may only write
     * logs.
     */
    static List<String> edgeRoleTrustsLambdaAndEdgeLambdaAndOnlyLogs(Map<String, JsonNode> templates) {
        List<String> problems = new ArrayList<>();
        forEachResource(templates, "AWS::Lambda::Function", (where, template, id, properties) -> {
            String roleId = getAttResource(properties.path("Role"));
            JsonNode role = roleId == null ? MissingNode.getInstance() : template.path("Resources").path(roleId);
            if (!"AWS::IAM::Role".equals(role.path("Type").asText())) {
                problems.add(where + ": Role is not !GetAtt of an AWS::IAM::Role in the same template,"
                        + " so its trust cannot be checked");
                return;
            }
            String roleWhere = where + " role " + roleId;
            JsonNode roleProperties = role.path("Properties");
            Set<String> trusted = new java.util.TreeSet<>();
            for (JsonNode statement : asList(roleProperties.path("AssumeRolePolicyDocument").path("Statement"))) {
                if (!"Allow".equals(statement.path("Effect").asText())) {
                    continue;
                }
                JsonNode principal = statement.path("Principal");
                Iterator<String> kinds = principal.fieldNames();
                while (kinds.hasNext()) {
                    String kind = kinds.next();
                    if (!"Service".equals(kind)) {
                        problems.add(roleWhere + ": trusts a " + kind
                                + " principal; only the Lambda services may assume it");
                    }
                }
                for (JsonNode service : asList(principal.path("Service"))) {
                    trusted.add(service.asText());
                }
                if (principal.isTextual()) {
                    problems.add(roleWhere + ": trusts principal " + principal.asText());
                }
            }
            for (String needed : List.of("lambda.amazonaws.com", "edgelambda.amazonaws.com")) {
                if (!trusted.contains(needed)) {
                    problems.add(roleWhere + ": not trusted by " + needed
                            + " (Lambda@Edge needs both lambda and edgelambda)");
                }
            }
            trusted.removeAll(Set.of("lambda.amazonaws.com", "edgelambda.amazonaws.com"));
            if (!trusted.isEmpty()) {
                problems.add(roleWhere + ": also trusted by " + trusted);
            }
            if (roleProperties.has("ManagedPolicyArns")) {
                problems.add(roleWhere + ": has ManagedPolicyArns; it may only write logs, through its inline policy");
            }
            for (JsonNode policy : asList(roleProperties.path("Policies"))) {
                for (JsonNode statement : asList(policy.path("PolicyDocument").path("Statement"))) {
                    if (!"Allow".equals(statement.path("Effect").asText())) {
                        continue;
                    }
                    if (statement.has("NotAction")) {
                        problems.add(roleWhere + ": uses NotAction, which grants everything else");
                    }
                    for (JsonNode action : asList(statement.path("Action"))) {
                        if (!action.asText().startsWith("logs:") || action.asText().contains("*")) {
                            problems.add(roleWhere + ": allows " + action.asText()
                                    + "; the authorizer may only write its logs");
                        }
                    }
                }
            }
            for (JsonNode other : iterable(template.path("Resources"))) {
                String type = other.path("Type").asText();
                if ((type.equals("AWS::IAM::Policy") || type.equals("AWS::IAM::ManagedPolicy"))
                        && other.path("Properties").path("Roles").toString().contains("\"" + roleId + "\"")) {
                    problems.add(roleWhere + ": gets more permissions from a separate " + type);
                }
            }
        });
        return problems;
    }

    // ---- 4. the bucket policy ------------------------------------------------------------------------------------

    /**
     * The origin bucket's policy grants s3:GetObject to cloudfront.amazonaws.com for this distribution only, and
     * refuses plain HTTP.
     */
    static List<String> siteBucketReadableOnlyByThisDistribution(Map<String, JsonNode> templates) {
        List<String> problems = new ArrayList<>();
        forEachResource(templates, "AWS::CloudFront::Distribution", (where, template, distributionId, properties) -> {
            for (JsonNode origin : alternativesOfList(properties.path("DistributionConfig").path("Origins"))) {
                String bucketId = getAttResource(origin.path("DomainName"));
                if (bucketId == null
                        || !"AWS::S3::Bucket".equals(template.path("Resources").path(bucketId).path("Type").asText())) {
                    continue; // originIsPrivateS3ThroughOac reports origins that are not a bucket of this template
                }
                String bucketWhere = where + " origin bucket " + bucketId;
                List<JsonNode> statements = new ArrayList<>();
                for (JsonNode resource : iterable(template.path("Resources"))) {
                    if ("AWS::S3::BucketPolicy".equals(resource.path("Type").asText())
                            && bucketId.equals(refName(resource.path("Properties").path("Bucket")))) {
                        statements.addAll(asList(resource.path("Properties").path("PolicyDocument").path("Statement")));
                    }
                }
                if (statements.isEmpty()) {
                    problems.add(bucketWhere + ": no bucket policy,"
                            + " so CloudFront cannot read it or the grant is elsewhere");
                    continue;
                }
                boolean grantsDistribution = false;
                boolean deniesPlainHttp = false;
                for (JsonNode statement : statements) {
                    String effect = statement.path("Effect").asText();
                    if ("Deny".equals(effect)) {
                        JsonNode secure = conditionValue(statement.path("Condition"), "Bool", "aws:SecureTransport");
                        if (secure != null && "false".equalsIgnoreCase(secure.asText())) {
                            deniesPlainHttp = true;
                        }
                        continue;
                    }
                    String sid = statement.path("Sid").asText("(no Sid)");
                    JsonNode principal = statement.path("Principal");
                    boolean cloudFrontOnly = principal.isObject() && principal.size() == 1
                            && asList(principal.path("Service")).size() == 1
                            && "cloudfront.amazonaws.com".equals(asList(principal.path("Service")).get(0).asText());
                    if (!cloudFrontOnly) {
                        problems.add(bucketWhere + ": statement " + sid + " allows principal " + principal
                                + "; only cloudfront.amazonaws.com may read");
                    }
                    List<JsonNode> actions = asList(statement.path("Action"));
                    if (statement.has("NotAction") || actions.size() != 1
                            || !"s3:GetObject".equals(actions.get(0).asText())) {
                        problems.add(bucketWhere + ": statement " + sid + " allows " + statement.path("Action")
                                + "; only s3:GetObject");
                    }
                    JsonNode sourceArn = conditionValue(statement.path("Condition"), "StringEquals", "AWS:SourceArn");
                    if (sourceArn == null) {
                        problems.add(bucketWhere + ": statement " + sid + " has no StringEquals AWS:SourceArn"
                                + " condition, so any distribution (in any account) could read the bucket");
                    } else if (!mentionsResource(sourceArn, distributionId)) {
                        problems.add(bucketWhere + ": statement " + sid + " AWS:SourceArn " + sourceArn
                                + " is not this distribution (" + distributionId + ")");
                    } else if (cloudFrontOnly) {
                        grantsDistribution = true;
                    }
                }
                if (!grantsDistribution) {
                    problems.add(bucketWhere + ": no statement lets this distribution read the bucket");
                }
                if (!deniesPlainHttp) {
                    problems.add(bucketWhere + ": no Deny for aws:SecureTransport false");
                }
            }
        });
        return problems;
    }

    // ---- 5. buckets are private ------------------------------------------------------------------------------------

    /**
     * Every bucket blocks all public access and is encrypted; all but the CloudFront log bucket use
     * BucketOwnerEnforced.
     */
    static List<String> bucketsBlockPublicAccess(Map<String, JsonNode> templates) {
        List<String> problems = new ArrayList<>();
        Set<String> logBuckets = new java.util.HashSet<>();
        forEachResource(templates, "AWS::CloudFront::Distribution", (where, template, id, properties) -> {
            for (JsonNode logging : alternatives(properties.path("DistributionConfig").path("Logging"))) {
                String bucket = getAttResource(logging.path("Bucket"));
                if (bucket != null) {
                    logBuckets.add(bucket);
                }
            }
        });
        forEachResource(templates, "AWS::S3::Bucket", (where, template, id, properties) -> {
            JsonNode block = properties.path("PublicAccessBlockConfiguration");
            for (String flag : List.of("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls",
                    "RestrictPublicBuckets")) {
                if (!block.path(flag).asBoolean(false)) {
                    problems.add(where + ": PublicAccessBlockConfiguration." + flag + " is not true");
                }
            }
            if (properties.path("BucketEncryption").path("ServerSideEncryptionConfiguration").isEmpty()) {
                problems.add(where + ": no default encryption");
            }
            if (properties.has("WebsiteConfiguration")) {
                problems.add(where + ": has a website configuration;"
                        + " the site is served through CloudFront's REST origin only");
            }
            String ownership = asList(properties.path("OwnershipControls").path("Rules")).stream()
                    .map(rule -> rule.path("ObjectOwnership").asText()).findFirst().orElse("(not set)");
            if (!logBuckets.contains(id) && !"BucketOwnerEnforced".equals(ownership)) {
                problems.add(where + ": ObjectOwnership is " + ownership + ", not BucketOwnerEnforced (ACLs off)");
            }
        });
        return problems;
    }

    // ---- 6. no error page that serves content ----------------------------------------------------------------------

    /** No custom error response turns an error (401 and 403 above all) into a 2xx page. */
    static List<String> noErrorResponseServesContent(Map<String, JsonNode> templates) {
        List<String> problems = new ArrayList<>();
        forEachResource(templates, "AWS::CloudFront::Distribution", (where, template, id, properties) -> {
            for (JsonNode response : alternativesOfList(
                    properties.path("DistributionConfig").path("CustomErrorResponses"))) {
                JsonNode code = response.path("ResponseCode");
                if (code.canConvertToInt() || code.isTextual()) {
                    int status = code.isTextual() ? parseIntOr(code.asText(), -1) : code.asInt();
                    if (status >= 200 && status < 300) {
                        problems.add(where + ": custom error response " + response.path("ErrorCode").asText()
                                + " -> " + status + " " + response.path("ResponsePagePath").asText("")
                                + " serves a success page where the edge said no");
                    }
                }
            }
        });
        return problems;
    }

    // ---- 7. the token is not in the cache key -----------------------------------------------------------------------

    private static final Pattern TOKEN_NAME = Pattern.compile("(?i).*(token|authorization|session).*");

    /**
     * Every behavior uses a cache policy of this template whose key holds no Authorization header, token cookie or
     * query.
     */
    static List<String> tokenStaysOutOfTheCacheKey(Map<String, JsonNode> templates) {
        List<String> problems = new ArrayList<>();
        forEachBehavior(templates, (where, template, behavior) -> {
            if (behavior.has("ForwardedValues")) {
                problems.add(where + ": uses legacy ForwardedValues;"
                        + " use a cache policy whose key leaves the token out");
            }
            for (JsonNode policyRef : alternatives(behavior.path("CachePolicyId"))) {
                String policyId = refName(policyRef);
                JsonNode policy = policyId == null ? MissingNode.getInstance()
                        : template.path("Resources").path(policyId);
                if (!"AWS::CloudFront::CachePolicy".equals(policy.path("Type").asText())) {
                    problems.add(where + ": CachePolicyId " + policyRef
                            + " is not a cache policy of this template, so its key cannot be checked");
                    continue;
                }
                JsonNode key = policy.path("Properties").path("CachePolicyConfig")
                        .path("ParametersInCacheKeyAndForwardedToOrigin");
                String policyWhere = where + " cache policy " + policyId;
                checkKeyPart(problems, policyWhere, "header", key.path("HeadersConfig").path("HeaderBehavior").asText(),
                        key.path("HeadersConfig").path("Headers"));
                checkKeyPart(problems, policyWhere, "cookie", key.path("CookiesConfig").path("CookieBehavior").asText(),
                        key.path("CookiesConfig").path("Cookies"));
                checkKeyPart(problems, policyWhere, "query string",
                        key.path("QueryStringsConfig").path("QueryStringBehavior").asText(),
                        key.path("QueryStringsConfig").path("QueryStrings"));
            }
        });
        return problems;
    }

    private static void checkKeyPart(List<String> problems, String where, String part, String behavior,
            JsonNode names) {
        switch (behavior) {
            case "none" -> { }
            case "whitelist" -> {
                for (JsonNode name : asList(names)) {
                    if (TOKEN_NAME.matcher(name.asText()).matches()) {
                        problems.add(where + ": " + part + " '" + name.asText()
                                + "' in the cache key splits the cache per token");
                    }
                }
            }
            default -> problems.add(where + ": " + part + " behavior '" + behavior
                    + "' can put the token in the cache key");
        }
    }

    // ---- 8. us-east-1 only ------------------------------------------------------------------------------------------

    /**
     * A template holding a Lambda function refuses, through an unconditional Rules assertion, any region but
     * us-east-1.
     */
    static List<String> edgeFunctionStackOnlyInUsEast1(Map<String, JsonNode> templates) {
        List<String> problems = new ArrayList<>();
        templates.forEach((file, template) -> {
            boolean hasFunction = false;
            for (JsonNode resource : iterable(template.path("Resources"))) {
                hasFunction |= "AWS::Lambda::Function".equals(resource.path("Type").asText());
            }
            if (!hasFunction) {
                return;
            }
            if (!assertsRegion(template, US_EAST_1)) {
                problems.add(file + ": holds a Lambda function"
                        + " but has no unconditional Rules assertion AWS::Region == us-east-1");
            }
        });
        return problems;
    }

    /** True if the template refuses, through an unconditional Rules assertion, every region but {@code region}. */
    static boolean assertsRegion(JsonNode template, String region) {
        for (JsonNode rule : iterable(template.path("Rules"))) {
            if (rule.has("RuleCondition")) {
                continue;
            }
            for (JsonNode assertion : asList(rule.path("Assertions"))) {
                JsonNode equals = assertion.path("Assert").path("Fn::Equals");
                if (equals.size() == 2) {
                    boolean regionFirst = "AWS::Region".equals(refName(equals.get(0)))
                            && region.equals(equals.get(1).asText());
                    boolean regionSecond = "AWS::Region".equals(refName(equals.get(1)))
                            && region.equals(equals.get(0).asText());
                    if (regionFirst || regionSecond) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    // ---- 9. origin access control on the REST endpoint --------------------------------------------------------------

    /** Every origin is a bucket of this template on its REST endpoint, signed by an OAC (s3, always, sigv4). */
    static List<String> originIsPrivateS3ThroughOac(Map<String, JsonNode> templates) {
        List<String> problems = new ArrayList<>();
        forEachResource(templates, "AWS::CloudFront::Distribution", (where, template, id, properties) -> {
            for (JsonNode origin : alternativesOfList(properties.path("DistributionConfig").path("Origins"))) {
                String originWhere = where + " origin " + origin.path("Id").asText();
                JsonNode domain = origin.path("DomainName");
                JsonNode getAtt = domain.path("Fn::GetAtt");
                String bucket = getAttResource(domain);
                String attribute = getAtt.isArray() && getAtt.size() == 2 ? getAtt.get(1).asText()
                        : getAtt.isTextual() && getAtt.asText().contains(".")
                                ? getAtt.asText().substring(getAtt.asText().indexOf('.') + 1) : "";
                boolean restEndpoint = bucket != null
                        && "AWS::S3::Bucket".equals(template.path("Resources").path(bucket).path("Type").asText())
                        && (attribute.equals("RegionalDomainName") || attribute.equals("DomainName"));
                if (!restEndpoint) {
                    problems.add(originWhere + ": DomainName " + domain
                            + " is not the REST endpoint of a bucket of this template"
                            + " (OAC does not work with website endpoints)");
                }
                if (origin.has("CustomOriginConfig")) {
                    problems.add(originWhere + ": has a CustomOriginConfig;"
                            + " an S3 origin behind OAC uses S3OriginConfig");
                }
                if (!origin.path("S3OriginConfig").path("OriginAccessIdentity").isTextual()
                        || !origin.path("S3OriginConfig").path("OriginAccessIdentity").asText().isEmpty()) {
                    problems.add(originWhere + ": S3OriginConfig.OriginAccessIdentity must be \"\""
                            + " (OAC, not a legacy OAI)");
                }
                JsonNode oacRef = origin.path("OriginAccessControlId");
                String oacId = oacRef.has("Ref") ? refName(oacRef) : getAttResource(oacRef);
                JsonNode oac = oacId == null ? MissingNode.getInstance() : template.path("Resources").path(oacId);
                if (!"AWS::CloudFront::OriginAccessControl".equals(oac.path("Type").asText())) {
                    problems.add(originWhere + ": no OriginAccessControlId of this template,"
                            + " so requests to S3 are unsigned");
                    continue;
                }
                JsonNode config = oac.path("Properties").path("OriginAccessControlConfig");
                for (Map.Entry<String, String> expected : Map.of("OriginAccessControlOriginType", "s3",
                        "SigningBehavior", "always", "SigningProtocol", "sigv4").entrySet()) {
                    if (!expected.getValue().equals(config.path(expected.getKey()).asText())) {
                        problems.add(originWhere + ": OAC " + oacId + " " + expected.getKey() + " is '"
                                + config.path(expected.getKey()).asText() + "', not '" + expected.getValue() + "'");
                    }
                }
            }
        });
        return problems;
    }

    // ---- 10. HTTPS, read-only, security headers ---------------------------------------------------------------------

    /** Every behavior sends viewers to HTTPS. */
    static List<String> viewersAreSentToHttps(Map<String, JsonNode> templates) {
        List<String> problems = new ArrayList<>();
        forEachBehavior(templates, (where, template, behavior) -> {
            String policy = behavior.path("ViewerProtocolPolicy").asText();
            if (!policy.equals("redirect-to-https") && !policy.equals("https-only")) {
                problems.add(where + ": ViewerProtocolPolicy '" + policy + "' lets tokens travel over plain HTTP");
            }
        });
        return problems;
    }

    /** The sign-in flow's prefix (the core's default pathPrefix, which scripts/deploy keeps). */
    static final String SIGN_IN_PATHS = "/_auth/*";

    /**
     * Every behavior allows GET and HEAD only (OPTIONS at most): the site is read-only. The one exception is the
     * sign-in flow's own behavior ({@value #SIGN_IN_PATHS}), which takes a POST for sign-out and refresh; the edge
     * answers every request there itself (everyBehaviorRunsTheAuthorizer holds it to carrying the function).
     */
    static List<String> behaviorsAreReadOnly(Map<String, JsonNode> templates) {
        List<String> problems = new ArrayList<>();
        forEachBehavior(templates, (where, template, behavior) -> {
            boolean signIn = SIGN_IN_PATHS.equals(behavior.path("PathPattern").asText());
            for (JsonNode method : asList(behavior.path("AllowedMethods"))) {
                if (!signIn && !Set.of("GET", "HEAD", "OPTIONS").contains(method.asText())) {
                    problems.add(where + ": allows " + method.asText() + "; the site is read-only");
                }
            }
            if (signIn && !asList(behavior.path("AllowedMethods")).stream().anyMatch(m -> m.asText().equals("POST"))) {
                problems.add(where + ": the sign-in paths need POST (sign-out, refresh from a page script)");
            }
        });
        return problems;
    }

    /**
     * Every behavior has a response headers policy with HSTS, nosniff, DENY framing, a referrer policy and a strict
     * CSP.
     */
    static List<String> securityHeadersOnEveryBehavior(Map<String, JsonNode> templates) {
        List<String> problems = new ArrayList<>();
        forEachBehavior(templates, (where, template, behavior) -> {
            for (JsonNode policyRef : alternatives(behavior.path("ResponseHeadersPolicyId"))) {
                String policyId = refName(policyRef);
                JsonNode policy = policyId == null ? MissingNode.getInstance()
                        : template.path("Resources").path(policyId);
                if (!"AWS::CloudFront::ResponseHeadersPolicy".equals(policy.path("Type").asText())) {
                    problems.add(where + ": no response headers policy of this template (" + policyRef + ")");
                    continue;
                }
                JsonNode security = policy.path("Properties").path("ResponseHeadersPolicyConfig")
                        .path("SecurityHeadersConfig");
                String policyWhere = where + " headers policy " + policyId;
                if (security.path("StrictTransportSecurity").path("AccessControlMaxAgeSec").asLong(0) < 31536000) {
                    problems.add(policyWhere + ": HSTS missing or shorter than a year");
                }
                if (security.path("ContentTypeOptions").isMissingNode()) {
                    problems.add(policyWhere + ": no X-Content-Type-Options: nosniff");
                }
                if (!"DENY".equals(security.path("FrameOptions").path("FrameOption").asText())) {
                    problems.add(policyWhere + ": X-Frame-Options is not DENY");
                }
                if (security.path("ReferrerPolicy").path("ReferrerPolicy").asText().isEmpty()) {
                    problems.add(policyWhere + ": no Referrer-Policy");
                }
                String csp = security.path("ContentSecurityPolicy").path("ContentSecurityPolicy").asText("");
                if (!csp.contains("default-src")) {
                    problems.add(policyWhere + ": no Content-Security-Policy with a default-src");
                }
                for (String loose : List.of("'unsafe-inline'", "'unsafe-eval'", "*", "http:", "data:")) {
                    if (csp.contains(loose)) {
                        problems.add(policyWhere + ": the CSP allows " + loose);
                    }
                }
            }
        });
        return problems;
    }

    /** Access logs, when on, never record cookies (they carry the tokens). */
    static List<String> accessLogsNeverRecordCookies(Map<String, JsonNode> templates) {
        List<String> problems = new ArrayList<>();
        forEachResource(templates, "AWS::CloudFront::Distribution", (where, template, id, properties) -> {
            for (JsonNode logging : alternatives(properties.path("DistributionConfig").path("Logging"))) {
                if (logging.path("IncludeCookies").asBoolean(false)) {
                    problems.add(where + ": access logs include cookies, i.e. users' tokens");
                }
            }
        });
        return problems;
    }

    // ---- 11. Cognito ----------------------------------------------------------------------------------------------

    /** App clients use the authorization-code flow only, hide whether a user exists, and can revoke refresh tokens. */
    static List<String> appClientUsesTheCodeFlowOnly(Map<String, JsonNode> templates) {
        List<String> problems = new ArrayList<>();
        forEachResource(templates, "AWS::Cognito::UserPoolClient", (where, template, id, properties) -> {
            for (JsonNode flows : alternatives(properties.path("AllowedOAuthFlows"))) {
                for (JsonNode flow : asList(flows)) {
                    if (!"code".equals(flow.asText())) {
                        problems.add(where + ": OAuth flow '" + flow.asText()
                                + "' allowed; only the authorization-code flow (with PKCE)");
                    }
                }
            }
            if (!"ENABLED".equals(properties.path("PreventUserExistenceErrors").asText())) {
                problems.add(where + ": PreventUserExistenceErrors is not ENABLED");
            }
            if (!properties.path("EnableTokenRevocation").asBoolean(false)) {
                problems.add(where + ": EnableTokenRevocation is not true");
            }
            for (JsonNode scopes : alternatives(properties.path("AllowedOAuthScopes"))) {
                if (!scopes.isMissingNode() && !asList(scopes).stream().map(JsonNode::asText).toList()
                        .containsAll(List.of("openid", "email", "profile"))) {
                    problems.add(where + ": AllowedOAuthScopes " + scopes + " lack openid, email or profile");
                }
            }
        });
        return problems;
    }

    /**
     * ID and access tokens live at most an hour by default (revocation waits for expiry); refresh tokens 30 days by
     * default.
     */
    static List<String> tokensAreShortLivedByDefault(Map<String, JsonNode> templates) {
        List<String> problems = new ArrayList<>();
        forEachResource(templates, "AWS::Cognito::UserPoolClient", (where, template, id, properties) -> {
            JsonNode units = properties.path("TokenValidityUnits");
            for (String token : List.of("IdToken", "AccessToken")) {
                long value = defaultValue(template, properties.path(token + "Validity"), -1);
                long minutes = switch (units.path(token).asText("hours")) {
                    case "seconds" -> value / 60;
                    case "minutes" -> value;
                    case "hours" -> value * 60;
                    case "days" -> value * 1440;
                    default -> -1;
                };
                if (value < 0) {
                    problems.add(where + ": " + token
                            + "Validity has no explicit default (Cognito's is an hour or more)");
                } else if (minutes > 60) {
                    problems.add(where + ": " + token + " lives " + minutes
                            + " minutes by default; a revoked user keeps access that long");
                }
            }
            long refresh = defaultValue(template, properties.path("RefreshTokenValidity"), -1);
            if (!"days".equals(units.path("RefreshToken").asText()) || refresh != 30) {
                problems.add(where + ": refresh tokens should default to 30 days");
            }
        });
        return problems;
    }

    /** All the rules, by name. */
    static Map<String, Rule> all() {
        Map<String, Rule> rules = new TreeMap<>();
        rules.put("everyBehaviorRunsTheAuthorizer", TemplateInvariants::everyBehaviorRunsTheAuthorizer);
        rules.put("edgeFunctionFitsLambdaAtEdge", TemplateInvariants::edgeFunctionFitsLambdaAtEdge);
        rules.put("edgeRoleTrustsLambdaAndEdgeLambdaAndOnlyLogs",
                TemplateInvariants::edgeRoleTrustsLambdaAndEdgeLambdaAndOnlyLogs);
        rules.put("siteBucketReadableOnlyByThisDistribution",
                TemplateInvariants::siteBucketReadableOnlyByThisDistribution);
        rules.put("bucketsBlockPublicAccess", TemplateInvariants::bucketsBlockPublicAccess);
        rules.put("noErrorResponseServesContent", TemplateInvariants::noErrorResponseServesContent);
        rules.put("tokenStaysOutOfTheCacheKey", TemplateInvariants::tokenStaysOutOfTheCacheKey);
        rules.put("edgeFunctionStackOnlyInUsEast1", TemplateInvariants::edgeFunctionStackOnlyInUsEast1);
        rules.put("originIsPrivateS3ThroughOac", TemplateInvariants::originIsPrivateS3ThroughOac);
        rules.put("viewersAreSentToHttps", TemplateInvariants::viewersAreSentToHttps);
        rules.put("behaviorsAreReadOnly", TemplateInvariants::behaviorsAreReadOnly);
        rules.put("securityHeadersOnEveryBehavior", TemplateInvariants::securityHeadersOnEveryBehavior);
        rules.put("accessLogsNeverRecordCookies", TemplateInvariants::accessLogsNeverRecordCookies);
        rules.put("appClientUsesTheCodeFlowOnly", TemplateInvariants::appClientUsesTheCodeFlowOnly);
        rules.put("tokensAreShortLivedByDefault", TemplateInvariants::tokensAreShortLivedByDefault);
        rules.putAll(OperationsInvariants.all());
        return rules;
    }

    // ---- walking the templates --------------------------------------------------------------------------------------

    interface ResourceVisitor {
        void visit(String where, JsonNode template, String logicalId, JsonNode properties);
    }

    interface BehaviorVisitor {
        void visit(String where, JsonNode template, JsonNode behavior);
    }

    static void forEachResource(Map<String, JsonNode> templates, String type, ResourceVisitor visitor) {
        templates.forEach((file, template) -> {
            Iterator<Map.Entry<String, JsonNode>> resources = template.path("Resources").fields();
            while (resources.hasNext()) {
                Map.Entry<String, JsonNode> resource = resources.next();
                if (type.equals(resource.getValue().path("Type").asText())) {
                    visitor.visit(file + " " + resource.getKey(), template, resource.getKey(),
                            resource.getValue().path("Properties"));
                }
            }
        });
    }

    /** Every behavior of every distribution, the default one first, in every Fn::If branch. */
    static void forEachBehavior(Map<String, JsonNode> templates, BehaviorVisitor visitor) {
        forEachResource(templates, "AWS::CloudFront::Distribution", (where, template, id, properties) -> {
            JsonNode config = properties.path("DistributionConfig");
            List<JsonNode> defaults = alternatives(config.path("DefaultCacheBehavior"));
            if (defaults.isEmpty() || defaults.stream().anyMatch(JsonNode::isMissingNode)) {
                visitor.visit(where + " DefaultCacheBehavior", template, MissingNode.getInstance());
            }
            for (JsonNode behavior : defaults) {
                if (!behavior.isMissingNode()) {
                    visitor.visit(where + " DefaultCacheBehavior", template, behavior);
                }
            }
            for (JsonNode behavior : alternativesOfList(config.path("CacheBehaviors"))) {
                visitor.visit(where + " CacheBehavior " + behavior.path("PathPattern").asText("?"), template, behavior);
            }
        });
    }

    /** The values a node can take: both branches of every Fn::If, nothing for AWS::NoValue. */
    static List<JsonNode> alternatives(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        if (node.isObject() && node.size() == 1 && node.has("Fn::If") && node.get("Fn::If").size() == 3) {
            out.addAll(alternatives(node.get("Fn::If").get(1)));
            out.addAll(alternatives(node.get("Fn::If").get(2)));
        } else if (!"AWS::NoValue".equals(refName(node))) {
            out.add(node);
        }
        return out;
    }

    /** The items a list can hold, over every Fn::If branch of the list and of each item. */
    static List<JsonNode> alternativesOfList(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode list : alternatives(node)) {
            for (JsonNode item : asList(list)) {
                out.addAll(alternatives(item));
            }
        }
        return out;
    }

    /** An array's items, a single value as a one-item list, nothing for a missing node. */
    static List<JsonNode> asList(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        if (node == null || node.isMissingNode() || node.isNull()) {
            return out;
        }
        if (node.isArray()) {
            node.forEach(out::add);
        } else {
            out.add(node);
        }
        return out;
    }

    static Iterable<JsonNode> iterable(JsonNode object) {
        return object::elements;
    }

    static String refName(JsonNode node) {
        return node != null && node.isObject() && node.size() == 1 && node.path("Ref").isTextual()
                ? node.get("Ref").asText() : null;
    }

    /** The resource of an Fn::GetAtt (["Res", "Attr"] or "Res.Attr"), else null. */
    static String getAttResource(JsonNode node) {
        JsonNode getAtt = node.path("Fn::GetAtt");
        if (getAtt.isArray() && getAtt.size() == 2) {
            return getAtt.get(0).asText();
        }
        if (getAtt.isTextual() && getAtt.asText().contains(".")) {
            return getAtt.asText().substring(0, getAtt.asText().indexOf('.'));
        }
        return null;
    }

    /** True if {@code value} points at resource {@code logicalId}: Ref, GetAtt, or ${logicalId...} in an Fn::Sub. */
    static boolean mentionsResource(JsonNode value, String logicalId) {
        if (logicalId.equals(refName(value)) || logicalId.equals(getAttResource(value))) {
            return true;
        }
        JsonNode sub = value.path("Fn::Sub");
        String text = sub.isArray() ? sub.path(0).asText("") : sub.asText("");
        return text.contains("${" + logicalId + "}") || text.contains("${" + logicalId + ".");
    }

    /**
     * condition[operator][key], operator and key matched without regard to case (IAM condition keys are
     * case-insensitive).
     */
    static JsonNode conditionValue(JsonNode condition, String operator, String key) {
        for (Iterator<Map.Entry<String, JsonNode>> ops = condition.fields(); ops.hasNext(); ) {
            Map.Entry<String, JsonNode> op = ops.next();
            if (!op.getKey().equals(operator)) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> keys = op.getValue().fields(); keys.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = keys.next();
                if (entry.getKey().toLowerCase(Locale.ROOT).equals(key.toLowerCase(Locale.ROOT))) {
                    return entry.getValue();
                }
            }
        }
        return null;
    }

    /** A literal number, or the Default of the parameter it refers to; {@code otherwise} if neither. */
    static long defaultValue(JsonNode template, JsonNode value, long otherwise) {
        if (value.isNumber()) {
            return value.asLong();
        }
        if (value.isTextual()) {
            return parseIntOr(value.asText(), (int) otherwise);
        }
        String ref = refName(value);
        JsonNode parameterDefault = ref == null ? MissingNode.getInstance()
                : template.path("Parameters").path(ref).path("Default");
        if (parameterDefault.isNumber()) {
            return parameterDefault.asLong();
        }
        return parameterDefault.isTextual() ? parseIntOr(parameterDefault.asText(), (int) otherwise) : otherwise;
    }

    private static int parseIntOr(String text, int otherwise) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
