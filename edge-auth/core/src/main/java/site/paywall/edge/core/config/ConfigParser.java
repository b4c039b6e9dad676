package site.paywall.edge.core.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import site.paywall.edge.core.Json;

/**
 * Validates the bundled configuration. Every problem is collected (not just the first), each naming the key and
 * what is wrong, so an operator fixes the file in one round.
 */
public final class ConfigParser {

    /**
     * Keys the bundler resolves (files, URLs) before the core sees the config, or writes into the bundle
     * ({@link BundledConfig#FORMAT_KEY}); accepted and left to it here.
     */
    private static final List<String> BUNDLER_KEYS = List.of("jwksUrl", "jwksFile", "errorPages", "$comment",
            BundledConfig.FORMAT_KEY);
    private static final String DEFAULT_FOLDER_INDEX = "index.html";

    private final List<String> problems = new ArrayList<>();

    private ConfigParser() { }

    public static ConfigResult parse(Json root) {
        return new ConfigParser().parseRoot(root);
    }

    private ConfigResult parseRoot(Json root) {
        if (!root.isObject()) {
            return new ConfigResult.Invalid(List.of("config: must be a JSON object"));
        }
        for (String name : root.names()) {
            if (!EdgeConfig.KEYS.contains(name) && !BUNDLER_KEYS.contains(name)) {
                problems.add(name + ": unknown key (known: " + String.join(", ", EdgeConfig.KEYS) + ", "
                        + String.join(", ", BUNDLER_KEYS) + ")");
            }
        }
        String region = requiredString(root, "region").orElse("");
        // An emulator's pool (cognito-local names its region "local") is only accepted with its own issuer.
        boolean emulated = root.get("issuer").isPresent();
        if (!region.isEmpty() && !isRegionName(region) && !(emulated && isEmulatorRegion(region))) {
            problems.add("region: \"" + region + "\" is not an AWS region name such as us-east-1"
                    + (emulated ? " (or, with an issuer override, a lowercase name such as \"local\")" : ""));
        }
        String userPoolId = requiredString(root, "userPoolId").orElse("");
        if (!userPoolId.isEmpty() && !isUserPoolId(region, userPoolId)) {
            problems.add("userPoolId: \"" + userPoolId + "\" is not a user pool id of region " + region
                    + " (expected " + region + "_ followed by letters and digits)");
        }
        String issuer = optionalString(root, "issuer").orElse(EdgeConfig.cognitoIssuer(region, userPoolId));
        if (!issuer.startsWith("https://") && !issuer.startsWith("http://")) {
            problems.add("issuer: must be an http(s) URL, got \"" + issuer + "\"");
        } else if (issuer.endsWith("/")) {
            problems.add("issuer: must not end with \"/\" (tokens carry it without one)");
        }
        List<String> clientIds = nonEmptyStrings(root, "clientIds", true, List.of());
        List<TokenUse> tokenUses = tokenUses(root);
        int skew = integer(root, "clockSkewSeconds", 0, EdgeConfig.MAX_CLOCK_SKEW_SECONDS,
                EdgeConfig.DEFAULT_CLOCK_SKEW_SECONDS);
        List<SigningKey> keys = List.of();
        Optional<Json> jwks = root.get("jwks");
        if (jwks.isEmpty()) {
            problems.add("jwks: missing (scripts/edge-bundle inlines it from jwksFile, --jwks-file or the issuer's"
                    + " /.well-known/jwks.json)");
        } else {
            keys = JwksParser.parse(jwks.get(), "jwks", problems);
        }
        AccessRules rules = new AccessRules(RulesParser.parse(root.get("rules"), problems));
        List<String> cookies = nonEmptyStrings(root, "tokenCookies", false, EdgeConfig.DEFAULT_TOKEN_COOKIES);
        for (String cookie : cookies) {
            if (!isCookieName(cookie)) {
                problems.add("tokenCookies: \"" + cookie + "\" is not a valid cookie name (RFC 6265 token)");
            }
        }
        Map<Integer, String> pages = errorPages(root);
        int cacheSize = integer(root, "tokenCacheSize", 0, EdgeConfig.MAX_TOKEN_CACHE_SIZE,
                EdgeConfig.DEFAULT_TOKEN_CACHE_SIZE);
        DecisionLogLevel logLevel = decisionLog(root);
        int denialLines = integer(root, "decisionLogDenialsPerSecond", 1,
                EdgeConfig.MAX_DECISION_LOG_DENIALS_PER_SECOND, EdgeConfig.DEFAULT_DECISION_LOG_DENIALS_PER_SECOND);
        Optional<SignInConfig> signIn = SignInParser.parse(root.get("signIn"), clientIds, tokenUses, cookies,
                rules.rules(), problems);
        Optional<String> folderIndex = folderIndex(root);
        if (!problems.isEmpty()) {
            return new ConfigResult.Invalid(List.copyOf(problems));
        }
        return new ConfigResult.Valid(new EdgeConfig(region, userPoolId, issuer, clientIds, tokenUses, skew, keys,
                rules, cookies, pages, cacheSize, logLevel, denialLines, signIn, folderIndex));
    }

    private Optional<String> requiredString(Json root, String key) {
        Optional<Json> value = root.get(key);
        if (value.isEmpty()) {
            problems.add(key + ": missing");
            return Optional.empty();
        }
        if (!value.get().isString() || value.get().stringValue().isEmpty()) {
            problems.add(key + ": must be a non-empty string");
            return Optional.empty();
        }
        return Optional.of(value.get().stringValue());
    }

    private Optional<String> optionalString(Json root, String key) {
        return root.get(key).isPresent() ? requiredString(root, key) : Optional.empty();
    }

    private List<String> nonEmptyStrings(Json root, String key, boolean required, List<String> fallback) {
        Optional<Json> value = root.get(key);
        if (value.isEmpty()) {
            if (required) {
                problems.add(key + ": missing");
            }
            return fallback;
        }
        Json array = value.get();
        if (!array.isArray() || array.length() == 0) {
            problems.add(key + ": must be a non-empty array of strings");
            return fallback;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < array.length(); i++) {
            Json item = array.at(i);
            if (!item.isString() || item.stringValue().isEmpty()) {
                problems.add(key + "[" + i + "]: must be a non-empty string");
            } else if (out.contains(item.stringValue())) {
                problems.add(key + "[" + i + "]: duplicate \"" + item.stringValue() + "\"");
            } else {
                out.add(item.stringValue());
            }
        }
        return out;
    }

    private List<TokenUse> tokenUses(Json root) {
        List<String> names = nonEmptyStrings(root, "tokenUse", false, List.of("id", "access"));
        List<TokenUse> uses = new ArrayList<>();
        for (String name : names) {
            Optional<TokenUse> use = TokenUse.fromClaim(name);
            if (use.isEmpty()) {
                problems.add("tokenUse: unknown value \"" + name + "\"; expected \"id\" and/or \"access\"");
            } else {
                uses.add(use.get());
            }
        }
        return uses;
    }

    private int integer(Json root, String key, int min, int max, int fallback) {
        Optional<Json> value = root.get(key);
        if (value.isEmpty()) {
            return fallback;
        }
        double number = value.get().isNumber() ? value.get().numberValue() : Double.NaN;
        if (!(number >= min && number <= max) || number != Math.floor(number)) {
            problems.add(key + ": must be a whole number from " + min + " to " + max);
            return fallback;
        }
        return (int) number;
    }

    private Map<Integer, String> errorPages(Json root) {
        Map<Integer, String> pages = new HashMap<>();
        Optional<Json> value = root.get("errorPageHtml");
        if (value.isEmpty()) {
            return pages;
        }
        if (!value.get().isObject()) {
            problems.add("errorPageHtml: must be an object of status → HTML text");
            return pages;
        }
        for (String name : value.get().names()) {
            String key = "errorPageHtml." + name;
            Optional<Integer> status = EdgeConfig.pageStatus(name);
            Json html = value.get().get(name).orElseThrow();
            if (status.isEmpty()) {
                problems.add(key + ": no page for this status; pages exist for " + EdgeConfig.PAGE_STATUSES);
            } else if (!html.isString() || html.stringValue().isBlank()) {
                problems.add(key + ": must be non-empty HTML text");
            } else if (utf8Length(html.stringValue()) > EdgeConfig.MAX_ERROR_PAGE_BYTES) {
                problems.add(key + ": larger than " + EdgeConfig.MAX_ERROR_PAGE_BYTES
                        + " bytes (Lambda@Edge refuses generated responses over 40 KB)");
            } else {
                pages.put(status.get(), html.stringValue());
            }
        }
        return pages;
    }

    private DecisionLogLevel decisionLog(Json root) {
        Optional<Json> value = root.get("decisionLog");
        if (value.isEmpty()) {
            // Refusals only: what an operator investigates, and no paying customer's sub per admitted request.
            return DecisionLogLevel.DENIALS;
        }
        Optional<DecisionLogLevel> level = value.get().isString()
                ? DecisionLogLevel.fromConfig(value.get().stringValue()) : Optional.empty();
        if (level.isEmpty()) {
            problems.add("decisionLog: must be \"all\", \"denials\" or \"off\"");
            return DecisionLogLevel.ALL;
        }
        return level.get();
    }

    /** {@code folderIndex}: the file a path ending in "/" is served from (default index.html), or false for none. */
    private Optional<String> folderIndex(Json root) {
        Optional<Json> value = root.get("folderIndex");
        if (value.isEmpty()) {
            return Optional.of(DEFAULT_FOLDER_INDEX);
        }
        if (value.get().kind() == Json.Kind.BOOLEAN && !value.get().booleanValue()) {
            return Optional.empty();
        }
        String name = value.get().isString() ? value.get().stringValue() : "";
        boolean plain = !name.isEmpty() && name.length() <= 255 && !name.equals(".") && !name.equals("..");
        for (int i = 0; i < name.length() && plain; i++) {
            char c = name.charAt(i);
            plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '.' || c == '_' || c == '~';
        }
        if (!plain) {
            problems.add("folderIndex: must be a file name such as \"index.html\" (letters, digits, - . _ ~), or"
                    + " false to forward paths ending in \"/\" unchanged");
            return Optional.of(DEFAULT_FOLDER_INDEX);
        }
        return Optional.of(name);
    }

    private static boolean isRegionName(String region) {
        int dashes = 0;
        for (int i = 0; i < region.length(); i++) {
            char c = region.charAt(i);
            if (c == '-') {
                dashes++;
            } else if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9')) {
                return false;
            }
        }
        return dashes >= 2 && !region.startsWith("-") && !region.endsWith("-") && !region.contains("--");
    }

    private static boolean isEmulatorRegion(String region) {
        for (int i = 0; i < region.length(); i++) {
            char c = region.charAt(i);
            if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != '-') {
                return false;
            }
        }
        return !region.isEmpty();
    }

    private static boolean isUserPoolId(String region, String id) {
        if (!id.startsWith(region + "_") || id.length() == region.length() + 1) {
            return false;
        }
        for (int i = region.length() + 1; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    /** Bytes of UTF-8, counted rather than encoded: TeaVM's charset encoder costs milliseconds of cold start. */
    static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** RFC 6265 cookie-name: an RFC 2616 token (visible ASCII without separators). */
    static boolean isCookieName(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= 0x20 || c >= 0x7f || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                return false;
            }
        }
        return !name.isEmpty();
    }
}
