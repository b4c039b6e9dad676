package site.paywall.cloudformation;

import static site.paywall.cloudformation.TemplateInvariants.asList;
import static site.paywall.cloudformation.TemplateInvariants.forEachResource;
import static site.paywall.cloudformation.TemplateInvariants.getAttResource;
import static site.paywall.cloudformation.TemplateInvariants.iterable;
import static site.paywall.cloudformation.TemplateInvariants.refName;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Our rules for how the stacks behave over time (issue 9): a configuration change reaches the edge, every site
 * domain can sign in, nothing blocks a delete, the options the anchor template has are there and safe. Same shape
 * as {@link TemplateInvariants}: each rule maps every decoded template to a list of problems.
 */
final class OperationsInvariants {
    private OperationsInvariants() {}

    /** The function settings that define a published version besides its code. */
    static final List<String> VERSIONED_SETTINGS = List.of("Runtime", "Handler", "MemorySize", "Timeout",
            "Architectures", "Role");

    /**
     * Every setting of a Lambda function that a numbered version snapshots comes from a source (mapping, parameter,
     * resource) that the AWS::Lambda::Version's own properties also depend on: changing it replaces the version,
     * i.e. publishes a new one that CloudFront then runs, instead of silently updating only $LATEST.
     */
    static List<String> edgeVersionTracksFunctionConfig(Map<String, JsonNode> templates) {
        List<String> problems = new ArrayList<>();
        forEachResource(templates, "AWS::Lambda::Function", (where, template, id, properties) -> {
            for (JsonNode version : iterable(template.path("Resources"))) {
                if (!"AWS::Lambda::Version".equals(version.path("Type").asText())
                        || !id.equals(refName(version.path("Properties").path("FunctionName")))) {
                    continue;
                }
                Set<String> versionSources = TemplateEvaluator.sources(template, version.path("Properties"));
                for (String setting : VERSIONED_SETTINGS) {
                    Set<String> sources = TemplateEvaluator.sources(template, properties.path(setting));
                    if (sources.isEmpty()) {
                        problems.add(where + ": " + setting + " is a literal " + properties.path(setting)
                                + ", so changing it would update $LATEST without publishing a new version;"
                                + " take it from the mapping the version's Description repeats");
                    } else if (!versionSources.containsAll(sources)) {
                        Set<String> untracked = new TreeSet<>(sources);
                        untracked.removeAll(versionSources);
                        problems.add(where + ": " + setting + " depends on " + untracked
                                + ", which the version does not,"
                                + " so changing it would update $LATEST without publishing a new version");
                    }
                }
            }
        });
        return problems;
    }

    static final List<String> SAMPLE_DOMAINS = List.of("d111111abcdef8.cloudfront.net", "shop.example.com",
            "www.shop.example.com");

    /**
     * The app client registers, for every host in SiteDomains (the distribution's name and each alias), the edge
     * sign-in's callback https://HOST/_auth/callback and sign-out https://HOST/, with the code flow, as a public
     * client; with no domain yet it has no OAuth flow. SiteDomains refuses wildcards and URLs.
     */
    static List<String> appClientRegistersEverySiteDomain(Map<String, JsonNode> templates) {
        List<String> problems = new ArrayList<>();
        forEachResource(templates, "AWS::Cognito::UserPoolClient", (where, template, id, properties) -> {
            JsonNode parameter = template.path("Parameters").path("SiteDomains");
            if (!"CommaDelimitedList".equals(parameter.path("Type").asText())) {
                problems.add(where + ": the template has no CommaDelimitedList parameter SiteDomains"
                        + " (every host the site answers on)");
                return;
            }
            problems.addAll(patternProblems(where + " SiteDomains", parameter,
                    List.of("", "shop.example.com", SAMPLE_DOMAINS.get(0)),
                    List.of("*.example.com", "https://shop.example.com", "shop.example.com/path", "Shop.Example.com")));

            Map<String, Object> client = new TemplateEvaluator(template,
                    Map.of("SiteDomains", new ArrayList<>(SAMPLE_DOMAINS))).properties(id);
            List<String> callbacks = SAMPLE_DOMAINS.stream().map(d -> "https://" + d + "/_auth/callback").toList();
            List<String> signOuts = SAMPLE_DOMAINS.stream().map(d -> "https://" + d + "/").toList();
            expect(problems, where, "CallbackURLs for " + SAMPLE_DOMAINS, callbacks, client.get("CallbackURLs"));
            expect(problems, where, "LogoutURLs for " + SAMPLE_DOMAINS, signOuts, client.get("LogoutURLs"));
            expect(problems, where, "AllowedOAuthFlows", List.of("code"), client.get("AllowedOAuthFlows"));
            expect(problems, where, "AllowedOAuthFlowsUserPoolClient", "true",
                    client.get("AllowedOAuthFlowsUserPoolClient"));
            expect(problems, where, "GenerateSecret (a public client)", "false", client.get("GenerateSecret"));
            if (!(client.get("AllowedOAuthScopes") instanceof List<?> scopes)
                    || !scopes.containsAll(List.of("openid", "email", "profile"))) {
                problems.add(where + ": AllowedOAuthScopes " + client.get("AllowedOAuthScopes")
                        + " lack openid, email or profile");
            }

            Map<String, Object> before = new TemplateEvaluator(template,
                    Map.of("SiteDomains", new ArrayList<>(List.of("")))).properties(id);
            if (before.containsKey("CallbackURLs") || before.containsKey("LogoutURLs")) {
                problems.add(where + ": with no site domain yet it still registers " + before.get("CallbackURLs")
                        + " / " + before.get("LogoutURLs"));
            }
            expect(problems, where, "AllowedOAuthFlowsUserPoolClient without a site domain", "false",
                    before.get("AllowedOAuthFlowsUserPoolClient"));
        });
        return problems;
    }

    /**
     * The ACM certificate is attached only together with aliases; without them the distribution uses CloudFront's
     * own.
     */
    static List<String> certificateOnlyWithAliases(Map<String, JsonNode> templates) {
        List<String> problems = new ArrayList<>();
        forEachResource(templates, "AWS::CloudFront::Distribution", (where, template, id, properties) -> {
            if (!template.path("Parameters").has("AcmCertificateArn")) {
                return;
            }
            String certificate = "arn:aws:acm:us-east-1:123456789012:certificate/abc-123";
            Object without = viewerCertificate(template, id, Map.of("Aliases", "", "AcmCertificateArn", certificate));
            if (!(without instanceof Map<?, ?> w) || w.containsKey("AcmCertificateArn")
                    || !"true".equals(w.get("CloudFrontDefaultCertificate"))) {
                problems.add(where + ": with no aliases but a certificate left over, ViewerCertificate is " + without
                        + "; it must fall back to CloudFrontDefaultCertificate");
            }
            Object with = viewerCertificate(template, id,
                    Map.of("Aliases", "shop.example.com", "AcmCertificateArn", certificate));
            if (!(with instanceof Map<?, ?> w) || !certificate.equals(w.get("AcmCertificateArn"))
                    || !"sni-only".equals(w.get("SslSupportMethod"))) {
                problems.add(where + ": with aliases and a certificate, ViewerCertificate is " + with);
            }
        });
        return problems;
    }

    private static Object viewerCertificate(JsonNode template, String id, Map<String, String> values) {
        Map<String, Object> properties = new TemplateEvaluator(template, values).properties(id);
        return ((Map<?, ?>) properties.get("DistributionConfig")).get("ViewerCertificate");
    }

    /**
     * HSTS includeSubDomains is a parameter and off by default (an apex alias would force HTTPS on every
     * subdomain).
     */
    static List<String> hstsSubdomainsAreOptIn(Map<String, JsonNode> templates) {
        List<String> problems = new ArrayList<>();
        forEachResource(templates, "AWS::CloudFront::ResponseHeadersPolicy", (where, template, id, properties) -> {
            JsonNode include = properties.path("ResponseHeadersPolicyConfig").path("SecurityHeadersConfig")
                    .path("StrictTransportSecurity").path("IncludeSubdomains");
            String parameter = refName(include);
            if (parameter == null || !template.path("Parameters").has(parameter)) {
                problems.add(where + ": HSTS IncludeSubdomains is " + include
                        + ", not a parameter the operator can choose");
                return;
            }
            if (!"false".equals(template.path("Parameters").path(parameter).path("Default").asText())) {
                problems.add(where + ": HSTS IncludeSubdomains defaults to "
                        + template.path("Parameters").path(parameter).path("Default")
                        + "; an apex alias would force HTTPS on every subdomain for two years");
            }
        });
        return problems;
    }

    /** The default hosted-UI domain prefix does not publish the AWS account id; it is derived from the stack id. */
    static List<String> hostedUiPrefixHidesTheAccount(Map<String, JsonNode> templates) {
        List<String> problems = new ArrayList<>();
        forEachResource(templates, "AWS::Cognito::UserPoolDomain", (where, template, id, properties) -> {
            Object domain = new TemplateEvaluator(template, Map.of()).properties(id).get("Domain");
            if (String.valueOf(domain).contains(TemplateEvaluator.ACCOUNT)) {
                problems.add(where + ": the default domain prefix '" + domain + "' publishes the AWS account id");
            } else if (!String.valueOf(domain).contains(TemplateEvaluator.STACK_UUID.substring(0, 8))) {
                problems.add(where + ": the default domain prefix '" + domain + "' is not made unique by the stack id");
            } else if (!String.valueOf(domain).matches("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")) {
                problems.add(where + ": the default domain prefix '" + domain + "' is not a valid Cognito prefix");
            }
        });
        return problems;
    }

    /**
     * The access-log bucket outlives the stack (Retain): CloudFront may still deliver into it while the distribution
     * goes.
     */
    static List<String> accessLogBucketOutlivesTheDistribution(Map<String, JsonNode> templates) {
        List<String> problems = new ArrayList<>();
        forEachResource(templates, "AWS::CloudFront::Distribution", (where, template, id, properties) -> {
            for (JsonNode logging : TemplateInvariants.alternatives(
                    properties.path("DistributionConfig").path("Logging"))) {
                String bucket = getAttResource(logging.path("Bucket"));
                if (bucket == null) {
                    continue;
                }
                JsonNode resource = template.path("Resources").path(bucket);
                if (!"Retain".equals(resource.path("DeletionPolicy").asText())) {
                    problems.add(where + ": log bucket " + bucket + " has DeletionPolicy "
                            + resource.path("DeletionPolicy").asText("(none)")
                            + "; a stack delete fails on it when CloudFront delivers a log file meanwhile"
                            + " (Retain it, remove it after)");
                }
            }
        });
        return problems;
    }

    /** Regions CloudFront standard logging (legacy) is documented not to deliver to. */
    static final List<String> NO_LOG_DELIVERY = List.of("af-south-1", "ap-east-1", "ap-south-2", "ap-southeast-3",
            "ap-southeast-4", "ca-west-1", "eu-south-1", "eu-south-2", "eu-central-2", "il-central-1", "me-south-1",
            "me-central-1");

    /** A template that can turn on access logging refuses, in its Rules, regions CloudFront cannot deliver logs to. */
    static List<String> accessLoggingOnlyWhereCloudFrontDelivers(Map<String, JsonNode> templates) {
        List<String> problems = new ArrayList<>();
        templates.forEach((file, template) -> {
            if (!template.path("Parameters").has("AccessLogging")) {
                return;
            }
            List<String> allowed = null;
            for (JsonNode rule : iterable(template.path("Rules"))) {
                if (!rule.path("RuleCondition").toString().contains("\"AccessLogging\"")) {
                    continue;
                }
                for (JsonNode assertion : asList(rule.path("Assertions"))) {
                    JsonNode contains = assertion.path("Assert").path("Fn::Contains");
                    if (contains.size() == 2 && "AWS::Region".equals(refName(contains.get(1)))
                            && contains.get(0).isArray()) {
                        allowed = new ArrayList<>();
                        for (JsonNode region : contains.get(0)) {
                            allowed.add(region.asText());
                        }
                    }
                }
            }
            if (allowed == null) {
                problems.add(file + ": no Rules assertion limits AccessLogging to regions CloudFront delivers"
                        + " standard logs to");
                return;
            }
            for (String region : NO_LOG_DELIVERY) {
                if (allowed.contains(region)) {
                    problems.add(file + ": allows access logging in " + region
                            + ", where CloudFront cannot deliver standard logs");
                }
            }
            if (!allowed.containsAll(List.of("us-east-1", "eu-west-1", "ap-southeast-2"))) {
                problems.add(file + ": the access-logging region list " + allowed + " misses regions where it works");
            }
        });
        return problems;
    }

    /** The WAF web ACL is optional and can only be a CloudFront-scope (global, us-east-1) WAFv2 ACL. */
    static List<String> webAclIsOptionalAndCloudFrontScoped(Map<String, JsonNode> templates) {
        List<String> problems = new ArrayList<>();
        forEachResource(templates, "AWS::CloudFront::Distribution", (where, template, id, properties) -> {
            JsonNode webAcl = properties.path("DistributionConfig").path("WebACLId");
            Set<String> sources = TemplateEvaluator.sources(template, webAcl);
            if (sources.size() != 1 || !sources.iterator().next().startsWith("param:")) {
                problems.add(where + ": WebACLId " + webAcl + " does not come from one optional parameter");
                return;
            }
            String name = sources.iterator().next().substring("param:".length());
            JsonNode parameter = template.path("Parameters").path(name);
            Map<String, Object> without = new TemplateEvaluator(template, Map.of(name, "")).properties(id);
            if (((Map<?, ?>) without.get("DistributionConfig")).containsKey("WebACLId")) {
                problems.add(where + ": with " + name + " empty the distribution still sets WebACLId");
            }
            problems.addAll(patternProblems(where + " " + name, parameter,
                    List.of("", "arn:aws:wafv2:us-east-1:123456789012:global/webacl/site-acl/"
                            + "a1b2c3d4-5678-90ab-cdef-111122223333"),
                    List.of("arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/site-acl/"
                                    + "a1b2c3d4-5678-90ab-cdef-111122223333",
                            "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/site-acl/"
                                    + "a1b2c3d4-5678-90ab-cdef-111122223333",
                            "a1b2c3d4-5678-90ab-cdef-111122223333")));
        });
        return problems;
    }

    /**
     * A CloudWatch alarm on CloudFront watches the 5xx error rate of the distribution passed in, with the Global
     * region dimension (where CloudFront publishes), notifies someone, treats no traffic as fine, and its template
     * is pinned to us-east-1 (the only region with CloudFront metrics).
     */
    static List<String> errorAlarmWatchesTheDistribution(Map<String, JsonNode> templates) {
        List<String> problems = new ArrayList<>();
        forEachResource(templates, "AWS::CloudWatch::Alarm", (where, template, id, properties) -> {
            if (!"AWS/CloudFront".equals(properties.path("Namespace").asText())) {
                return;
            }
            if (!"5xxErrorRate".equals(properties.path("MetricName").asText())) {
                problems.add(where + ": watches " + properties.path("MetricName").asText() + ", not 5xxErrorRate");
            }
            Map<String, JsonNode> dimensions = new TreeMap<>();
            asList(properties.path("Dimensions"))
                    .forEach(d -> dimensions.put(d.path("Name").asText(), d.path("Value")));
            if (!"Global".equals(dimensions.getOrDefault("Region", MissingNode.getInstance()).asText())) {
                problems.add(where + ": the Region dimension must be Global"
                        + " (CloudFront metrics are published with Region=Global)");
            }
            String distribution = refName(dimensions.getOrDefault("DistributionId", MissingNode.getInstance()));
            if (distribution == null || !template.path("Parameters").has(distribution)) {
                problems.add(where + ": the DistributionId dimension is not the distribution passed in as a parameter");
            }
            if (asList(properties.path("AlarmActions")).isEmpty()) {
                problems.add(where + ": no AlarmActions, so nobody hears of it");
            }
            if (!"notBreaching".equals(properties.path("TreatMissingData").asText())) {
                problems.add(where + ": TreatMissingData should be notBreaching (no traffic is no outage)");
            }
            if (!TemplateInvariants.assertsRegion(template, TemplateInvariants.US_EAST_1)) {
                problems.add(where + ": the template does not assert us-east-1,"
                        + " the only region with CloudFront metrics");
            }
        });
        return problems;
    }

    /** The user pool's feature plan is an explicit parameter, and threat protection can only be asked for with PLUS. */
    static List<String> cognitoFeaturePlanIsExplicit(Map<String, JsonNode> templates) {
        List<String> problems = new ArrayList<>();
        forEachResource(templates, "AWS::Cognito::UserPool", (where, template, id, properties) -> {
            String plan = refName(properties.path("UserPoolTier"));
            JsonNode parameter = plan == null ? null : template.path("Parameters").path(plan);
            if (parameter == null || parameter.isMissingNode() || !parameter.has("Default")) {
                problems.add(where + ": UserPoolTier is not set from a parameter with an explicit default ("
                        + properties.path("UserPoolTier") + ")");
                return;
            }
            Set<String> addOnSources = TemplateEvaluator.sources(template, properties.path("UserPoolAddOns"));
            if (addOnSources.isEmpty()) {
                problems.add(where + ": threat protection (UserPoolAddOns) is not an optional parameter");
                return;
            }
            String threat = addOnSources.stream().filter(s -> s.startsWith("param:")).findFirst().orElse("param:?")
                    .substring(6);
            if (!"OFF".equals(template.path("Parameters").path(threat).path("Default").asText())) {
                problems.add(where + ": threat protection " + threat + " is on by default");
            }
            boolean guarded = false;
            for (JsonNode rule : iterable(template.path("Rules"))) {
                String text = rule.toString();
                guarded |= rule.path("RuleCondition").toString().contains("\"" + threat + "\"")
                        && text.contains("\"" + plan + "\"") && text.contains("\"PLUS\"");
            }
            if (!guarded) {
                problems.add(where + ": no Rules assertion requires " + plan + " PLUS when " + threat + " is on");
            }
        });
        return problems;
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static void expect(List<String> problems, String where, String what, Object expected, Object actual) {
        if (!expected.equals(actual)) {
            problems.add(where + ": " + what + " is " + actual + ", expected " + expected);
        }
    }

    /** Problems if the parameter's AllowedPattern refuses one of {@code good} or accepts one of {@code bad}. */
    static List<String> patternProblems(String where, JsonNode parameter, List<String> good, List<String> bad) {
        List<String> problems = new ArrayList<>();
        String text = parameter.path("AllowedPattern").asText("");
        if (text.isEmpty()) {
            problems.add(where + ": no AllowedPattern");
            return problems;
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            problems.add(where + ": AllowedPattern does not compile: " + e.getDescription());
            return problems;
        }
        good.stream().filter(v -> !pattern.matcher(v).matches())
                .forEach(v -> problems.add(where + ": AllowedPattern refuses '" + v + "'"));
        bad.stream().filter(v -> pattern.matcher(v).matches())
                .forEach(v -> problems.add(where + ": AllowedPattern accepts '" + v + "'"));
        return problems;
    }

    /** All the rules, by name. */
    static Map<String, TemplateInvariants.Rule> all() {
        Map<String, TemplateInvariants.Rule> rules = new TreeMap<>();
        rules.put("edgeVersionTracksFunctionConfig", OperationsInvariants::edgeVersionTracksFunctionConfig);
        rules.put("appClientRegistersEverySiteDomain", OperationsInvariants::appClientRegistersEverySiteDomain);
        rules.put("certificateOnlyWithAliases", OperationsInvariants::certificateOnlyWithAliases);
        rules.put("hstsSubdomainsAreOptIn", OperationsInvariants::hstsSubdomainsAreOptIn);
        rules.put("hostedUiPrefixHidesTheAccount", OperationsInvariants::hostedUiPrefixHidesTheAccount);
        rules.put("accessLogBucketOutlivesTheDistribution",
                OperationsInvariants::accessLogBucketOutlivesTheDistribution);
        rules.put("accessLoggingOnlyWhereCloudFrontDelivers",
                OperationsInvariants::accessLoggingOnlyWhereCloudFrontDelivers);
        rules.put("webAclIsOptionalAndCloudFrontScoped", OperationsInvariants::webAclIsOptionalAndCloudFrontScoped);
        rules.put("errorAlarmWatchesTheDistribution", OperationsInvariants::errorAlarmWatchesTheDistribution);
        rules.put("cognitoFeaturePlanIsExplicit", OperationsInvariants::cognitoFeaturePlanIsExplicit);
        return rules;
    }
}
