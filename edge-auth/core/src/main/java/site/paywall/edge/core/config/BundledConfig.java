package site.paywall.edge.core.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import site.paywall.edge.core.Json;
import site.paywall.edge.core.Platform;

/**
 * The configuration as edge-bundle bakes it into {@code config.json}: already validated by {@link ConfigParser} at
 * build time, with every default written out and the JWKS cut down to the usable RS256 keys. At the edge only
 * {@link #read} runs — cheap structural checks (every key present with its type, numbers in range, known values) that
 * still fail closed — so the validation code is neither run nor even shipped in the bundle (TeaVM compiles only what
 * the edge reaches).
 *
 * <p>The form is itself a valid source config ({@code $bundleFormat} is accepted and ignored by ConfigParser) that
 * parses to the same {@link EdgeConfig}, so the JVM tools can read a bundle's {@code config.json} like any other.
 */
public final class BundledConfig {

    /** The marker edge-bundle writes; a config.json without it (or with another format) is refused at the edge. */
    public static final String FORMAT_KEY = "$bundleFormat";
    public static final int FORMAT = 2;

    private final List<String> problems = new ArrayList<>();

    private BundledConfig() { }

    // ---------------------------------------------------------------------------------------------- writing (JVM)

    /** The pre-validated form of a config ConfigParser accepted; keys in a fixed order, for reproducible zips. */
    public static Json toJson(EdgeConfig config, Platform platform) {
        Json root = platform.newObject()
                .put(FORMAT_KEY, platform.integer(FORMAT))
                .put("region", platform.string(config.region()))
                .put("userPoolId", platform.string(config.userPoolId()))
                .put("issuer", platform.string(config.issuer()))
                .put("clientIds", strings(config.clientIds(), platform));
        Json uses = platform.newArray();
        config.tokenUses().forEach(use -> uses.add(platform.string(use.claimValue())));
        root.put("tokenUse", uses).put("clockSkewSeconds", platform.integer(config.clockSkewSeconds()));
        Json keys = platform.newArray();
        config.signingKeys().forEach(key -> keys.add(key.jwk()));
        root.put("jwks", platform.newObject().put("keys", keys));
        Json rules = platform.newArray();
        for (AccessRule rule : config.rules().rules()) {
            Json allow = rule.allow() instanceof Access.MemberOfAny groups ? strings(groups.groups(), platform)
                    : platform.string(rule.allow() instanceof Access.Public ? "public" : "signed-in");
            rules.add(platform.newObject().put("path", platform.string(rule.path().text())).put("allow", allow));
        }
        root.put("rules", rules).put("tokenCookies", strings(config.tokenCookies(), platform));
        Json pages = platform.newObject();
        for (Integer status : EdgeConfig.PAGE_STATUSES) {
            String page = config.errorPageHtml().get(status);
            if (page != null) {
                pages.put(String.valueOf(status), platform.string(page));
            }
        }
        root.put("errorPageHtml", pages)
                .put("tokenCacheSize", platform.integer(config.tokenCacheSize()))
                .put("decisionLog", platform.string(config.decisionLog().configValue()))
                .put("decisionLogDenialsPerSecond", platform.integer(config.decisionLogDenialsPerSecond()));
        if (config.signIn().isPresent()) {
            SignInConfig signIn = config.signIn().get();
            Json flow = platform.newObject()
                    .put("domain", platform.string(signIn.domain()))
                    .put("clientId", platform.string(signIn.clientId()))
                    .put("scopes", strings(signIn.scopes(), platform))
                    .put("pathPrefix", platform.string(signIn.pathPrefix()))
                    .put("signedOutPath", platform.string(signIn.signedOutPath()))
                    .put("idTokenCookie", platform.string(signIn.idTokenCookie()));
            signIn.accessTokenCookie().ifPresent(name -> flow.put("accessTokenCookie", platform.string(name)));
            flow.put("refreshTokenCookie", platform.string(signIn.refreshTokenCookie()))
                    .put("refreshCookieMaxAgeSeconds", platform.integer(signIn.sessionMaxAgeSeconds()));
            root.put("signIn", flow);
        }
        // The seam builds no booleans; false is the one literal this form needs.
        root.put("folderIndex", config.folderIndex().isPresent() ? platform.string(config.folderIndex().get())
                : platform.parseJson("false").orElseThrow());
        return root;
    }

    private static Json strings(List<String> values, Platform platform) {
        Json array = platform.newArray();
        values.forEach(value -> array.add(platform.string(value)));
        return array;
    }

    // ---------------------------------------------------------------------------------------------- reading (edge)

    /**
     * Reads {@link #toJson}'s form. Checks structure, not meaning: every key present with its type, numbers within
     * the bounds ConfigParser enforces, enumerations among their values, no unknown key. Anything else — a source
     * config that did not go through edge-bundle, another format, a file edited by hand — is invalid, each problem
     * naming its key, and the edge then denies every request.
     */
    public static ConfigResult read(Json root) {
        return new BundledConfig().readRoot(root);
    }

    private ConfigResult readRoot(Json root) {
        if (!root.isObject()) {
            return new ConfigResult.Invalid(List.of("config: must be a JSON object"));
        }
        Optional<Json> format = root.get(FORMAT_KEY);
        if (format.isEmpty() || !format.get().isNumber() || format.get().numberValue() != FORMAT) {
            return new ConfigResult.Invalid(List.of(FORMAT_KEY + ": missing or not " + FORMAT + " (config.json must be"
                    + " written by scripts/edge-bundle, which validates it, in this bundle's format)"));
        }
        unknownKeys(root, name -> name.equals(FORMAT_KEY) || EdgeConfig.KEYS.contains(name), "");
        String region = text(root, "", "region");
        String userPoolId = text(root, "", "userPoolId");
        String issuer = text(root, "", "issuer");
        List<String> clientIds = texts(root, "", "clientIds");
        List<TokenUse> tokenUses = new ArrayList<>();
        for (String use : texts(root, "", "tokenUse")) {
            Optional<TokenUse> known = TokenUse.fromClaim(use);
            if (known.isEmpty()) {
                problems.add("tokenUse: unknown value");
            } else {
                tokenUses.add(known.get());
            }
        }
        int skew = whole(root, "", "clockSkewSeconds", 0, EdgeConfig.MAX_CLOCK_SKEW_SECONDS);
        List<SigningKey> keys = keys(root);
        AccessRules rules = new AccessRules(rules(root));
        List<String> cookies = texts(root, "", "tokenCookies");
        Map<Integer, String> pages = pages(root);
        int cacheSize = whole(root, "", "tokenCacheSize", 0, EdgeConfig.MAX_TOKEN_CACHE_SIZE);
        Optional<DecisionLogLevel> logLevel = DecisionLogLevel.fromConfig(text(root, "", "decisionLog"));
        if (logLevel.isEmpty()) {
            problems.add("decisionLog: must be \"all\", \"denials\" or \"off\"");
        }
        int denialLines = whole(root, "", "decisionLogDenialsPerSecond", 1,
                EdgeConfig.MAX_DECISION_LOG_DENIALS_PER_SECOND);
        Optional<Json> signInJson = root.get("signIn");
        Optional<SignInConfig> signIn = signInJson.isPresent() ? signIn(signInJson.get()) : Optional.empty();
        Optional<String> folderIndex = folderIndex(root);
        if (!problems.isEmpty()) {
            return new ConfigResult.Invalid(List.copyOf(problems));
        }
        return new ConfigResult.Valid(new EdgeConfig(region, userPoolId, issuer, clientIds, tokenUses, skew, keys,
                rules, cookies, pages, cacheSize, logLevel.get(), denialLines, signIn, folderIndex));
    }

    private void unknownKeys(Json object, Predicate<String> known, String where) {
        for (String name : object.names()) {
            if (!known.test(name)) {
                problems.add(where + name + ": unknown key in a bundled config");
            }
        }
    }

    /** The member; a problem when it is missing. {@code where} prefixes the key in the problem ("signIn."). */
    private Optional<Json> required(Json object, String where, String key) {
        Optional<Json> value = object.get(key);
        if (value.isEmpty()) {
            problems.add(where + key + ": missing");
        }
        return value;
    }

    /** A non-empty string member; "" (and a problem) otherwise. */
    private String text(Json object, String where, String key) {
        Optional<Json> value = required(object, where, key);
        if (value.isEmpty()) {
            return "";
        }
        if (!value.get().isString() || value.get().stringValue().isEmpty()) {
            problems.add(where + key + ": must be a non-empty string");
            return "";
        }
        return value.get().stringValue();
    }

    /** A non-empty array of non-empty strings. */
    private List<String> texts(Json object, String where, String key) {
        Optional<Json> value = required(object, where, key);
        List<String> out = new ArrayList<>();
        if (value.isEmpty()) {
            return out;
        }
        if (!value.get().isArray() || value.get().length() == 0) {
            problems.add(where + key + ": must be a non-empty array of strings");
            return out;
        }
        for (int i = 0; i < value.get().length(); i++) {
            Json item = value.get().at(i);
            if (!item.isString() || item.stringValue().isEmpty()) {
                problems.add(where + key + "[" + i + "]: must be a non-empty string");
            } else {
                out.add(item.stringValue());
            }
        }
        return out;
    }

    private int whole(Json object, String where, String key, int min, int max) {
        Optional<Json> value = required(object, where, key);
        if (value.isEmpty()) {
            return min;
        }
        double number = value.get().isNumber() ? value.get().numberValue() : Double.NaN;
        if (!(number >= min && number <= max) || number != Math.floor(number)) {
            problems.add(where + key + ": must be a whole number from " + min + " to " + max);
            return min;
        }
        return (int) number;
    }

    /** The usable keys (edge-bundle keeps only those): objects with string kid, n and e; importing them is next. */
    private List<SigningKey> keys(Json root) {
        List<SigningKey> keys = new ArrayList<>();
        Optional<Json> jwks = required(root, "", "jwks");
        if (jwks.isEmpty()) {
            return keys;
        }
        Optional<Json> list = jwks.get().get("keys");
        if (list.isEmpty() || !list.get().isArray() || list.get().length() == 0) {
            problems.add("jwks.keys: must be a non-empty array of the usable keys");
            return keys;
        }
        for (int i = 0; i < list.get().length(); i++) {
            Json jwk = list.get().at(i);
            String where = "jwks.keys[" + i + "].";
            if (!jwk.isObject()) {
                problems.add("jwks.keys[" + i + "]: must be an object");
                continue;
            }
            String kid = text(jwk, where, "kid");
            text(jwk, where, "n");
            text(jwk, where, "e");
            keys.add(new SigningKey(kid, jwk));
        }
        return keys;
    }

    private List<AccessRule> rules(Json root) {
        List<AccessRule> rules = new ArrayList<>();
        Optional<Json> list = required(root, "", "rules");
        if (list.isEmpty()) {
            return rules;
        }
        if (!list.get().isArray() || list.get().length() == 0) {
            problems.add("rules: must be a non-empty array");
            return rules;
        }
        for (int i = 0; i < list.get().length(); i++) {
            Json rule = list.get().at(i);
            String where = "rules[" + i + "].";
            if (!rule.isObject()) {
                problems.add("rules[" + i + "]: must be an object");
                continue;
            }
            String path = text(rule, where, "path");
            if (!path.isEmpty() && path.charAt(0) != '/' && path.charAt(0) != '*') {
                problems.add(where + "path: must start with \"/\" or \"*\"");
            }
            Optional<Json> allow = required(rule, where, "allow");
            Access access;
            if (allow.isPresent() && allow.get().isString()) {
                access = allow.get().stringValue().equals("signed-in") ? new Access.SignedIn() : new Access.Public();
                if (!allow.get().stringValue().equals("public") && !allow.get().stringValue().equals("signed-in")) {
                    problems.add(where + "allow: must be \"public\", \"signed-in\" or a list of groups");
                }
            } else {
                access = new Access.MemberOfAny(List.copyOf(allow.isPresent() ? texts(rule, where, "allow")
                        : List.of()));
            }
            rules.add(new AccessRule(new PathPattern(path), access));
        }
        return rules;
    }

    private Map<Integer, String> pages(Json root) {
        Map<Integer, String> pages = new HashMap<>();
        Optional<Json> object = required(root, "", "errorPageHtml");
        if (object.isEmpty()) {
            return pages;
        }
        if (!object.get().isObject()) {
            problems.add("errorPageHtml: must be an object");
            return pages;
        }
        for (String status : object.get().names()) {
            Optional<Integer> code = EdgeConfig.pageStatus(status);
            if (code.isEmpty()) {
                problems.add("errorPageHtml." + status + ": no page for this status");
            } else {
                pages.put(code.get(), text(object.get(), "errorPageHtml.", status));
            }
        }
        return pages;
    }

    private Optional<SignInConfig> signIn(Json flow) {
        String where = "signIn.";
        if (!flow.isObject()) {
            problems.add("signIn: must be an object");
            return Optional.empty();
        }
        unknownKeys(flow, SignInConfig.KEYS::contains, where);
        String domain = text(flow, where, "domain");
        if (!domain.isEmpty() && !domain.startsWith("https://") && !domain.startsWith("http://")) {
            problems.add(where + "domain: must be an http(s) URL");
        }
        String prefix = text(flow, where, "pathPrefix");
        if (!prefix.isEmpty() && (!prefix.startsWith("/") || !prefix.endsWith("/"))) {
            problems.add(where + "pathPrefix: must start and end with \"/\"");
        }
        String signedOut = text(flow, where, "signedOutPath");
        if (!signedOut.isEmpty() && !signedOut.startsWith("/")) {
            problems.add(where + "signedOutPath: must start with \"/\"");
        }
        Optional<String> accessCookie = flow.get("accessTokenCookie").isPresent()
                ? Optional.of(text(flow, where, "accessTokenCookie")) : Optional.empty();
        return Optional.of(new SignInConfig(domain, text(flow, where, "clientId"), texts(flow, where, "scopes"),
                prefix, signedOut, text(flow, where, "idTokenCookie"), accessCookie,
                text(flow, where, "refreshTokenCookie"), whole(flow, where, "refreshCookieMaxAgeSeconds",
                        SignInConfig.MIN_SESSION_MAX_AGE_SECONDS, SignInConfig.MAX_SESSION_MAX_AGE_SECONDS)));
    }

    /** A file name, or false for none. */
    private Optional<String> folderIndex(Json root) {
        Optional<Json> value = required(root, "", "folderIndex");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (value.get().kind() == Json.Kind.BOOLEAN && !value.get().booleanValue()) {
            return Optional.empty();
        }
        if (!value.get().isString() || value.get().stringValue().isEmpty()) {
            problems.add("folderIndex: must be a file name or false");
            return Optional.empty();
        }
        return Optional.of(value.get().stringValue());
    }
}
