package site.paywall.edge.conformance.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import site.paywall.edge.conformance.fuzz.ReferencePaths.Allow;
import site.paywall.edge.conformance.fuzz.ReferencePaths.Reading;
import site.paywall.edge.conformance.fuzz.ReferencePaths.Rule;
import site.paywall.edge.conformance.fuzz.TokenModel.Verdict;

/**
 * The decision contract as a third, independent implementation, used as the oracle's "knowledge": given a case's
 * event, clock and signature ledger it says which outcome(s) the contract allows. Both engines share the core's
 * event, path and credential code, so agreement between them proves nothing there; this model is what catches a
 * shared mistake. Order (the contract's): event shape → credential header shape → canonical path → rule → public
 * forward → credential present → token valid → rule admits.
 */
public final class ContractModel {

    private static final List<String> TOKEN_COOKIES = List.of("id_token", "access_token");
    /** A Host value the sign-in flow can build its callback URL from (see hasOneHost). */
    private static final Pattern HOST = Pattern.compile(
            "(\\[[0-9A-Fa-f:.]+]|(?![.-])(?!.*\\.\\.)[A-Za-z0-9.-]*[A-Za-z0-9-])(:[0-9]{1,5})?");

    /** Everything the sign-in flow may answer under its prefix: never "forward". */
    private static final Set<String> SIGN_IN_ANSWERS = Set.of("200", "204", "302", "400", "401", "403", "404",
            "405", "500", "502");

    private final ReferencePaths paths;
    private final TokenModel tokens;
    /** The sign-in prefix, when the config signs browsers in at the edge. */
    private final Optional<String> signInPrefix;
    /** The file a folder is forwarded as (folderIndex: "index.html" unless the config says false or names another). */
    private final Optional<String> folderIndex;

    public ContractModel(JsonNode config) {
        this.paths = new ReferencePaths(config);
        this.tokens = new TokenModel(config);
        this.signInPrefix = config.has("signIn")
                ? Optional.of(config.get("signIn").path("pathPrefix").asText("/_auth/")) : Optional.empty();
        JsonNode index = config.path("folderIndex");
        this.folderIndex = index.isBoolean() && !index.booleanValue() ? Optional.empty()
                : Optional.of(index.isTextual() ? index.textValue() : "index.html");
    }

    /** A credential as the contract finds it. */
    private sealed interface Found permits None, Presented, Unusable { }

    private record None() implements Found { }

    private record Presented(String token, String source) implements Found { }

    private record Unusable(String why) implements Found { }

    public Expected expect(JsonNode event, long nowMillis, Signer.Ledger ledger) {
        Optional<String> shape = shapeProblem(event);
        if (shape.isPresent()) {
            return new Expected(Set.of("500"), "malformed event: " + shape.get(), false, false);
        }
        JsonNode request = event.get("Records").get(0).get("cf").get("request");
        JsonNode headers = request.get("headers");
        for (String name : List.of("authorization", "cookie")) {
            Optional<String> problem = headerShapeProblem(headers, name);
            if (problem.isPresent()) {
                return new Expected(Set.of("500"), "malformed credential header: " + problem.get(), false, false);
            }
        }
        Reading reading = ReferencePaths.read(request.get("uri").textValue());
        if (!reading.canonical()) {
            return new Expected(Set.of("400"), "uri not canonical: " + reading.problem(), false, false);
        }
        if (signInPrefix.isPresent() && reading.path().get().startsWith(signInPrefix.get())) {
            return new Expected(SIGN_IN_ANSWERS, "under the sign-in prefix " + signInPrefix.get()
                    + ": the edge answers, never forwards", false, false);
        }
        // Rules judge the key S3 serves: a folder is fetched as its index file.
        String served = folderIndex.isPresent() && reading.path().get().endsWith("/")
                ? reading.path().get() + folderIndex.get() : reading.path().get();
        Optional<Rule> rule = paths.ruleFor(served);
        if (rule.isEmpty()) {
            return new Expected(Set.of("403"), "no rule covers " + abbreviate(served), false, false);
        }
        Allow allow = rule.get().allow();
        String ruleText = "rule " + rule.get().glob();
        if (allow instanceof Allow.Public) {
            return new Expected(Set.of("forward"), ruleText + " is public", false, false);
        }
        Found found = credential(headers);
        // With sign-in, a person opening a page without a usable session cookie goes to the hosted UI or to
        // refresh (302); without a Host header to build the callback from, it gets the 401 page.
        boolean toSignIn = signInPrefix.isPresent() && isNavigation(request);
        Set<String> noSession = toSignIn ? (hasOneHost(headers) ? Set.of("302") : Set.of("401")) : Set.of("401");
        if (found instanceof None) {
            return new Expected(noSession, ruleText + " is protected; no token presented"
                    + (toSignIn ? "; a navigation, so to sign in" : ""), true, false);
        }
        if (found instanceof Unusable unusable) {
            return new Expected(Set.of("401"), ruleText + " is protected; " + unusable.why(), true, false);
        }
        Presented presented = (Presented) found;
        Verdict verdict = tokens.judge(presented.token(), nowMillis, ledger);
        boolean claimsReached = verdict instanceof Verdict.Valid
                || verdict instanceof Verdict.Invalid invalid && invalid.byClaims();
        String from = " (token from " + presented.source() + ")";
        boolean cookie = !presented.source().equals("authorization");
        if (verdict instanceof Verdict.Invalid invalid) {
            return new Expected(cookie ? noSession : Set.of("401"), ruleText + " is protected; token invalid: "
                    + invalid.why() + from + (toSignIn && cookie ? "; a navigation, so to sign in or refresh" : ""),
                    true, claimsReached);
        }
        if (verdict instanceof Verdict.Unknown unknown) {
            return new Expected(toSignIn ? Set.of("302", "401", "403", "forward") : Set.of("401", "403", "forward"),
                    ruleText + "; token not judged: " + unknown.why(), true, false);
        }
        List<String> groups = ((Verdict.Valid) verdict).groups();
        if (allow instanceof Allow.Groups required && required.groups().stream().noneMatch(groups::contains)) {
            return new Expected(Set.of("403"), ruleText + " needs " + required.groups() + "; valid token has "
                    + groups + from, true, true);
        }
        return new Expected(Set.of("forward"), ruleText + " admits the valid token" + from + " with groups "
                + groups, true, true);
    }

    /**
     * A person opening a page: a GET that says so with Sec-Fetch-Mode navigate and Sec-Fetch-Dest document, or —
     * from a browser that sends no fetch metadata at all — that accepts text/html.
     */
    private static boolean isNavigation(JsonNode request) {
        JsonNode method = request.get("method");
        if (method == null || !method.isTextual() || !method.textValue().equals("GET")) {
            return false;
        }
        JsonNode headers = request.get("headers");
        boolean metadata = false;
        for (String name : List.of("sec-fetch-mode", "sec-fetch-dest", "sec-fetch-site", "sec-fetch-user")) {
            metadata |= headers.has(name);
        }
        if (metadata) {
            return onlyValue(headers, "sec-fetch-mode", "navigate") && onlyValue(headers, "sec-fetch-dest", "document");
        }
        // An Accept list CloudFront would never send (an entry without a string value) says nothing: not a page.
        JsonNode accepts = headers.path("accept");
        boolean html = false;
        for (JsonNode accept : accepts) {
            if (!accept.path("value").isTextual()) {
                return false;
            }
            html |= accept.get("value").textValue().contains("text/html");
        }
        return accepts.isArray() && html;
    }

    private static boolean onlyValue(JsonNode headers, String name, String value) {
        JsonNode entries = headers.get(name);
        return entries != null && entries.isArray() && entries.size() == 1
                && value.equals(entries.get(0).path("value").asText(null));
    }

    /**
     * One Host value: a name of letters, digits, dots and dashes (not starting with a dot or dash, not ending with a
     * dot, no empty label) or a bracketed IPv6 address, an optional port of up to five digits, 255 characters at most.
     */
    private static boolean hasOneHost(JsonNode headers) {
        JsonNode entries = headers.get("host");
        if (entries == null || !entries.isArray() || entries.size() != 1 || !entries.get(0).path("value").isTextual()) {
            return false;
        }
        String host = entries.get(0).get("value").textValue();
        return host.length() <= 255 && HOST.matcher(host).matches();
    }


    /** Records: exactly one; cf, cf.config, cf.request objects; eventType absent or viewer-request; uri string. */
    static Optional<String> shapeProblem(JsonNode event) {
        if (!event.isObject()) {
            return Optional.of("event is not an object");
        }
        JsonNode records = event.get("Records");
        if (records == null || !records.isArray() || records.size() != 1) {
            return Optional.of("Records is not a one-element array");
        }
        JsonNode cf = records.get(0).isObject() ? records.get(0).get("cf") : null;
        if (cf == null || !cf.isObject()) {
            return Optional.of("Records[0].cf is not an object");
        }
        JsonNode config = cf.get("config");
        if (config == null || !config.isObject()) {
            return Optional.of("cf.config is not an object");
        }
        JsonNode eventType = config.get("eventType");
        if (eventType != null && !(eventType.isTextual() && eventType.textValue().equals("viewer-request"))) {
            return Optional.of("eventType is not viewer-request");
        }
        JsonNode request = cf.get("request");
        if (request == null || !request.isObject()) {
            return Optional.of("cf.request is not an object");
        }
        JsonNode uri = request.get("uri");
        if (uri == null || !uri.isTextual()) {
            return Optional.of("uri is not a string");
        }
        JsonNode headers = request.get("headers");
        if (headers == null || !headers.isObject()) {
            return Optional.of("headers is not an object");
        }
        return Optional.empty();
    }

    /** CloudFront's header shape: a list of objects, each with a string value. */
    static Optional<String> headerShapeProblem(JsonNode headers, String name) {
        JsonNode entries = headers.get(name);
        if (entries == null) {
            return Optional.empty();
        }
        if (!entries.isArray()) {
            return Optional.of(name + " is not a list");
        }
        for (JsonNode entry : entries) {
            if (!entry.isObject() || entry.get("value") == null || !entry.get("value").isTextual()) {
                return Optional.of(name + " has an entry without a string value");
            }
        }
        return Optional.empty();
    }

    /**
     * Authorization first: several values are unusable; one "Bearer" value (scheme case-insensitive, the token
     * after the first space, trimmed) is the token, an empty one unusable; another scheme is not ours and the
     * cookies are read. Cookies: id_token, then access_token; empty values skipped; the same name with different
     * values is unusable.
     */
    private static Found credential(JsonNode headers) {
        List<String> authorization = values(headers, "authorization");
        if (authorization.size() > 1) {
            return new Unusable("several Authorization headers");
        }
        if (authorization.size() == 1) {
            String value = authorization.get(0);
            int space = value.indexOf(' ');
            String scheme = space < 0 ? value : value.substring(0, space);
            if (scheme.length() == 6 && "bearer".regionMatches(true, 0, scheme, 0, 6)) {
                String token = space < 0 ? "" : trim(value.substring(space + 1));
                return token.isEmpty() ? new Unusable("empty bearer token") : new Presented(token, "authorization");
            }
        }
        List<String> cookieHeaders = values(headers, "cookie");
        for (String cookie : TOKEN_COOKIES) {
            String found = null;
            for (String header : cookieHeaders) {
                for (String piece : header.split(";", -1)) {
                    int eq = piece.indexOf('=');
                    if (eq < 0 || !trim(piece.substring(0, eq)).equals(cookie)) {
                        continue;
                    }
                    String value = trim(piece.substring(eq + 1));
                    if (value.isEmpty()) {
                        continue;
                    }
                    if (found != null && !found.equals(value)) {
                        return new Unusable("cookie " + cookie + " with conflicting values");
                    }
                    found = value;
                }
            }
            if (found != null) {
                return new Presented(found, "cookie " + cookie);
            }
        }
        return new None();
    }

    private static List<String> values(JsonNode headers, String name) {
        List<String> values = new ArrayList<>();
        JsonNode entries = headers.get(name);
        if (entries != null) {
            entries.forEach(e -> values.add(e.get("value").textValue()));
        }
        return values;
    }

    /** Strips leading and trailing characters up to U+0020 (spaces, tabs and other controls). */
    private static String trim(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && text.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && text.charAt(end - 1) <= ' ') {
            end--;
        }
        return text.substring(start, end);
    }

    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }
}
