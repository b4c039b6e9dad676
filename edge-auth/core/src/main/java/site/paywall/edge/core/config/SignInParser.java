package site.paywall.edge.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import site.paywall.edge.core.Json;
import site.paywall.edge.core.request.HostNames;

/**
 * Validates {@code signIn}. Like the rest of the config, every problem is collected and names its key
 * ({@code signIn.domain: ...}). Needs the already parsed {@code clientIds}, {@code tokenUse}, {@code tokenCookies}
 * and rules, because the flow must fit them: its client is one of the accepted ones, its cookies are the ones the
 * authorizer reads, and no rule may try to serve paths under its prefix.
 */
final class SignInParser {

    /** Keeps the authorize URL and every page link short; a longer path signs in and returns to "/". */
    static final int MAX_PATH = 1024;

    private final List<String> problems;

    private SignInParser(List<String> problems) {
        this.problems = problems;
    }

    static Optional<SignInConfig> parse(Optional<Json> value, List<String> clientIds, List<TokenUse> tokenUses,
                                        List<String> tokenCookies, List<AccessRule> rules, List<String> problems) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        return new SignInParser(problems).parse(value.get(), clientIds, tokenUses, tokenCookies, rules);
    }

    private Optional<SignInConfig> parse(Json signIn, List<String> clientIds, List<TokenUse> tokenUses,
                                         List<String> tokenCookies, List<AccessRule> rules) {
        if (!signIn.isObject()) {
            problems.add("signIn: must be an object {\"domain\": ..., \"clientId\": ...}");
            return Optional.empty();
        }
        int before = problems.size();
        for (String name : signIn.names()) {
            if (!SignInConfig.KEYS.contains(name) && !name.equals("$comment")) {
                problems.add("signIn." + name + ": unknown key (known: " + String.join(", ", SignInConfig.KEYS)
                        + ", $comment)");
            }
        }
        String domain = domain(signIn);
        String clientId = string(signIn, "clientId", true, "");
        if (!clientId.isEmpty() && !clientIds.contains(clientId)) {
            problems.add("signIn.clientId: \"" + clientId + "\" is not one of clientIds, so the tokens it gets would"
                    + " be refused");
        }
        List<String> scopes = scopes(signIn);
        String prefix = pathPrefix(signIn, rules);
        String signedOut = string(signIn, "signedOutPath", false, "/");
        if (!isPlainPath(signedOut)) {
            problems.add("signIn.signedOutPath: \"" + signedOut + "\" must be a path such as \"/\" (letters, digits,"
                    + " - . _ ~ and /, no empty or dot segments, at most " + MAX_PATH + " characters)");
        } else if (!prefix.isEmpty() && signedOut.startsWith(prefix)) {
            problems.add("signIn.signedOutPath: \"" + signedOut + "\" lies under signIn.pathPrefix \"" + prefix + "\"");
        }
        if (!tokenUses.contains(TokenUse.ID)) {
            problems.add("signIn: tokenUse must include \"id\": the session cookie holds the ID token");
        }
        String idCookie = cookie(signIn, "idTokenCookie", "id_token");
        String accessCookie = cookie(signIn, "accessTokenCookie", "access_token");
        String refreshCookie = cookie(signIn, "refreshTokenCookie", SignInConfig.DEFAULT_REFRESH_COOKIE);
        if (!idCookie.isEmpty() && !tokenCookies.contains(idCookie)) {
            problems.add("signIn.idTokenCookie: \"" + idCookie + "\" is not one of tokenCookies " + tokenCookies
                    + ", so the authorizer would never read it");
        }
        boolean accessUsed = tokenUses.contains(TokenUse.ACCESS);
        if (accessUsed && !accessCookie.isEmpty() && !tokenCookies.contains(accessCookie)) {
            problems.add("signIn.accessTokenCookie: \"" + accessCookie + "\" is not one of tokenCookies "
                    + tokenCookies + ", so the authorizer would never read it");
        }
        if (tokenCookies.contains(refreshCookie)) {
            problems.add("signIn.refreshTokenCookie: \"" + refreshCookie + "\" is one of tokenCookies; the refresh"
                    + " token must never be read as an access credential");
        }
        if (refreshCookie.regionMatches(true, 0, "__Host-", 0, 7)) {
            // A __Host- cookie must have Path=/ (RFC 6265bis); browsers silently drop one set with another Path.
            problems.add("signIn.refreshTokenCookie: \"" + refreshCookie + "\" has the __Host- prefix, which needs"
                    + " Path=/, but the refresh cookie's Path is the sign-in prefix: browsers would drop it");
        }
        if (idCookie.equals(accessCookie) || idCookie.equals(refreshCookie) || accessCookie.equals(refreshCookie)) {
            problems.add("signIn: idTokenCookie, accessTokenCookie and refreshTokenCookie must be three different"
                    + " names");
        }
        int maxAge = maxAge(signIn);
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new SignInConfig(domain, clientId, scopes, prefix, signedOut, idCookie,
                accessUsed ? Optional.of(accessCookie) : Optional.empty(), refreshCookie, maxAge));
    }

    private String string(Json signIn, String key, boolean required, String fallback) {
        Optional<Json> value = signIn.get(key);
        if (value.isEmpty()) {
            if (required) {
                problems.add("signIn." + key + ": missing");
            }
            return fallback;
        }
        if (!value.get().isString() || value.get().stringValue().isEmpty()) {
            problems.add("signIn." + key + ": must be a non-empty string");
            return fallback;
        }
        return value.get().stringValue();
    }

    /** {@code https://host[:port]}, no path; {@code http} only for a loopback host (local emulators). */
    private String domain(Json signIn) {
        String domain = string(signIn, "domain", true, "");
        if (domain.isEmpty()) {
            return domain;
        }
        String expected = " (the hosted UI's base URL, e.g. https://<prefix>.auth.<region>.amazoncognito.com,"
                + " or a custom domain; no path)";
        String host;
        if (domain.startsWith("https://")) {
            host = domain.substring("https://".length());
        } else if (domain.startsWith("http://")) {
            host = domain.substring("http://".length());
            if (!HostNames.isLoopback(host)) {
                problems.add("signIn.domain: \"" + domain + "\" uses http, which is only allowed for localhost"
                        + " and 127.0.0.1");
                return "";
            }
        } else {
            problems.add("signIn.domain: \"" + domain + "\" is not an https URL" + expected);
            return "";
        }
        if (!HostNames.isHostAndPort(host)) {
            problems.add("signIn.domain: \"" + domain + "\" must be scheme://host[:port] with nothing after the"
                    + " host" + expected);
            return "";
        }
        return domain;
    }

    private List<String> scopes(Json signIn) {
        Optional<Json> value = signIn.get("scopes");
        if (value.isEmpty()) {
            return SignInConfig.DEFAULT_SCOPES;
        }
        if (!value.get().isArray() || value.get().length() == 0) {
            problems.add("signIn.scopes: must be a non-empty array of scope names");
            return SignInConfig.DEFAULT_SCOPES;
        }
        List<String> scopes = new ArrayList<>();
        for (int i = 0; i < value.get().length(); i++) {
            Json scope = value.get().at(i);
            if (!scope.isString() || !isScopeToken(scope.stringValue())) {
                problems.add("signIn.scopes[" + i + "]: must be a scope name (visible ASCII without spaces, \" or \\)");
            } else if (scopes.contains(scope.stringValue())) {
                problems.add("signIn.scopes[" + i + "]: duplicate \"" + scope.stringValue() + "\"");
            } else {
                scopes.add(scope.stringValue());
            }
        }
        if (!scopes.contains("openid")) {
            problems.add("signIn.scopes: must include \"openid\" (without it Cognito issues no ID token)");
        }
        return scopes;
    }

    /** RFC 6749 §3.3 scope-token: %x21 / %x23-5B / %x5D-7E. */
    private static boolean isScopeToken(String scope) {
        for (int i = 0; i < scope.length(); i++) {
            char c = scope.charAt(i);
            if (c < 0x21 || c > 0x7e || c == '"' || c == '\\') {
                return false;
            }
        }
        return !scope.isEmpty();
    }

    private String pathPrefix(Json signIn, List<AccessRule> rules) {
        String prefix = string(signIn, "pathPrefix", false, SignInConfig.DEFAULT_PATH_PREFIX);
        if (!prefix.startsWith("/") || !prefix.endsWith("/") || prefix.length() < 3 || !isPlainPath(prefix)) {
            problems.add("signIn.pathPrefix: \"" + prefix + "\" must start and end with \"/\" and hold at least one"
                    + " segment of letters, digits, - . _ ~ (e.g. \"/_auth/\")");
            return "";
        }
        for (int i = 0; i < rules.size(); i++) {
            String pattern = rules.get(i).path().text();
            if (literalPart(pattern).startsWith(prefix)) {
                problems.add("signIn.pathPrefix: rules[" + i + "] \"" + pattern + "\" covers paths under \"" + prefix
                        + "\", where the edge answers every request itself; that rule would never apply");
            }
        }
        return prefix;
    }

    /** The pattern up to its first wildcard: every path it matches starts with this. */
    private static String literalPart(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            if (pattern.charAt(i) == '*' || pattern.charAt(i) == '?') {
                return pattern.substring(0, i);
            }
        }
        return pattern;
    }

    /** An absolute path of unreserved characters, no empty or dot segments. */
    static boolean isPlainPath(String path) {
        if (!path.startsWith("/") || path.length() > MAX_PATH) {
            return false;
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '.' || c == '_' || c == '~' || c == '/')) {
                return false;
            }
        }
        String padded = path + "/";
        return !path.contains("//") && !padded.contains("/./") && !padded.contains("/../");
    }

    private String cookie(Json signIn, String key, String fallback) {
        String name = string(signIn, key, false, fallback);
        if (!ConfigParser.isCookieName(name)) {
            problems.add("signIn." + key + ": \"" + name + "\" is not a valid cookie name (RFC 6265 token)");
            return fallback;
        }
        return name;
    }

    private int maxAge(Json signIn) {
        Optional<Json> value = signIn.get("refreshCookieMaxAgeSeconds");
        if (value.isEmpty()) {
            return SignInConfig.DEFAULT_SESSION_MAX_AGE_SECONDS;
        }
        double number = value.get().isNumber() ? value.get().numberValue() : Double.NaN;
        if (!(number >= SignInConfig.MIN_SESSION_MAX_AGE_SECONDS && number <= SignInConfig.MAX_SESSION_MAX_AGE_SECONDS)
                || number != Math.floor(number)) {
            problems.add("signIn.refreshCookieMaxAgeSeconds: must be a whole number from "
                    + SignInConfig.MIN_SESSION_MAX_AGE_SECONDS + " to " + SignInConfig.MAX_SESSION_MAX_AGE_SECONDS
                    + " (Cognito's refresh-token validity: 60 minutes to 10 years)");
            return SignInConfig.DEFAULT_SESSION_MAX_AGE_SECONDS;
        }
        return (int) number;
    }
}
