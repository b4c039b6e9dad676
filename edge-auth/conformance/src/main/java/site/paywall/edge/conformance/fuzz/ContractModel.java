package site.paywall.edge.conformance.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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

    private final ReferencePaths paths;
    private final TokenModel tokens;

    public ContractModel(JsonNode config) {
        this.paths = new ReferencePaths(config);
        this.tokens = new TokenModel(config);
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
        Optional<Rule> rule = paths.ruleFor(reading.path().get());
        if (rule.isEmpty()) {
            return new Expected(Set.of("403"), "no rule covers " + abbreviate(reading.path().get()), false, false);
        }
        Allow allow = rule.get().allow();
        String ruleText = "rule " + rule.get().glob();
        if (allow instanceof Allow.Public) {
            return new Expected(Set.of("forward"), ruleText + " is public", false, false);
        }
        Found found = credential(headers);
        if (found instanceof None) {
            return new Expected(Set.of("401"), ruleText + " is protected; no token presented", true, false);
        }
        if (found instanceof Unusable unusable) {
            return new Expected(Set.of("401"), ruleText + " is protected; " + unusable.why(), true, false);
        }
        Presented presented = (Presented) found;
        Verdict verdict = tokens.judge(presented.token(), nowMillis, ledger);
        boolean claimsReached = verdict instanceof Verdict.Valid
                || verdict instanceof Verdict.Invalid invalid && invalid.byClaims();
        String from = " (token from " + presented.source() + ")";
        if (verdict instanceof Verdict.Invalid invalid) {
            return new Expected(Set.of("401"), ruleText + " is protected; token invalid: " + invalid.why() + from,
                    true, claimsReached);
        }
        if (verdict instanceof Verdict.Unknown unknown) {
            return new Expected(Set.of("401", "403", "forward"), ruleText + "; token not judged: " + unknown.why(),
                    true, false);
        }
        List<String> groups = ((Verdict.Valid) verdict).groups();
        if (allow instanceof Allow.Groups required && required.groups().stream().noneMatch(groups::contains)) {
            return new Expected(Set.of("403"), ruleText + " needs " + required.groups() + "; valid token has "
                    + groups + from, true, true);
        }
        return new Expected(Set.of("forward"), ruleText + " admits the valid token" + from + " with groups "
                + groups, true, true);
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
