package site.paywall.edge.conformance.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import site.paywall.edge.conformance.SignInChecks;

/**
 * Judges one case's runs: (1) every engine's result equals the reference's as JSON trees; (2) nothing escaped —
 * no exception, no hang, no "internal error" (a throw caught by the handler's fail-closed net); (3) the invariants
 * of any result — a deny has a string status among 400/401/403/500 and Cache-Control: no-store, a 401 a Bearer
 * challenge; a forward keeps the URI and carries no Authorization header and no token cookie — and the contract
 * model's expected outcome; (4) no log line contains a token, a signature or a token cookie's value.
 */
public final class Oracle {

    private static final Set<String> STATUSES = Set.of("400", "401", "403", "500");
    /** What the sign-in flow answers besides. */
    private static final Set<String> SIGN_IN_STATUSES = Set.of("200", "204", "302", "400", "401", "403", "404",
            "405", "500", "502");
    private static final List<String> TOKEN_COOKIES = List.of("id_token", "access_token");

    private Oracle() { }

    /** Every problem found; empty when the case passes. {@code runs.get(0)} is the reference. */
    public static List<String> check(FuzzCase fuzzCase, Expected expected, List<EngineRun> runs, JsonNode config) {
        List<String> problems = new ArrayList<>();
        EngineRun reference = runs.get(0);
        for (EngineRun run : runs) {
            if (run.escaped()) {
                problems.add("escape: " + run.engine() + ": " + run.escape());
            }
        }
        for (EngineRun run : runs.subList(1, runs.size())) {
            if (!reference.escaped() && !run.escaped()) {
                JsonTrees.firstDifference(reference.result().result(), run.result().result()).ifPresent(diff ->
                        problems.add("disagreement: " + reference.engine() + " " + reference.outcome() + " vs "
                                + run.engine() + " " + run.outcome() + "; first difference at " + diff));
                if (!reference.result().calls().equals(run.result().calls())) {
                    problems.add("disagreement: " + run.engine() + " made other Cognito calls than "
                            + reference.engine() + " (" + run.result().calls().size() + " vs "
                            + reference.result().calls().size() + ")");
                }
            }
        }
        for (EngineRun run : runs) {
            if (run.escaped()) {
                continue;
            }
            invariants(fuzzCase, run, problems, config.has("signIn") ? SIGN_IN_STATUSES : STATUSES);
            if (run.result().isResponse()) {
                SignInChecks.check("invariant: " + run.engine() + ": ", config, run.result().result(), problems);
            }
            if (!expected.allows(run.outcome())) {
                problems.add("contract: " + run.engine() + " gave " + run.outcome() + " where the contract allows "
                        + expected.outcomes() + " (" + expected.basis() + ")");
            }
            logs(fuzzCase, run, problems);
        }
        return problems;
    }

    private static void invariants(FuzzCase fuzzCase, EngineRun run, List<String> problems, Set<String> statuses) {
        JsonNode result = run.result().result();
        String who = "invariant: " + run.engine() + ": ";
        if (!result.isObject()) {
            problems.add(who + "result is not an object");
            return;
        }
        if (result.has("status")) {
            JsonNode status = result.get("status");
            if (!status.isTextual() || !statuses.contains(status.textValue())) {
                problems.add(who + "status " + status + " is not one of the string statuses " + statuses);
            }
            if (!"no-store".equals(result.path("headers").path("cache-control").path(0).path("value").asText(null))) {
                problems.add(who + "deny without cache-control: no-store");
            }
            if ("401".equals(status.asText()) && !result.path("headers").path("www-authenticate").path(0)
                    .path("value").asText("").startsWith("Bearer")) {
                problems.add(who + "401 without a Bearer challenge");
            }
            boolean bodyless = "204".equals(status.asText()) || "302".equals(status.asText());
            if (!result.path("headers").isObject() || (bodyless ? result.has("body")
                    : !result.path("body").isTextual())) {
                problems.add(who + (bodyless ? "a 204/302 with a body" : "a response without a text body")
                        + " or without headers");
            }
            return;
        }
        JsonNode headers = result.get("headers");
        if (headers == null || !headers.isObject() || !result.path("uri").isTextual()) {
            problems.add(who + "forwarded request has no uri or no headers object");
            return;
        }
        // The uri goes on unchanged, except that a folder ("/premium/") is pointed at its index (folderIndex,
        // index.html in the fuzzed config).
        String eventUri = fuzzCase.event().path("Records").path(0).path("cf").path("request").path("uri").asText();
        String expectedUri = eventUri.endsWith("/") ? eventUri + "index.html" : eventUri;
        if (!result.get("uri").asText().equals(expectedUri)) {
            problems.add(who + "forward changed the uri other than pointing a folder at its index.html");
        }
        // CloudFront's header map is keyed by the lowercase name; a key in another case is no header to it (it
        // answers 502 to a result holding one), so only the lowercase keys are credentials here.
        for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> header = it.next();
            if (header.getKey().equals("authorization")) {
                problems.add(who + "forwarded request still has an authorization header (\"" + header.getKey()
                        + "\")");
            }
            if (header.getKey().equals("cookie")) {
                for (JsonNode entry : header.getValue()) {
                    Optional<String> cookie = tokenCookieIn(entry.path("value").asText(""));
                    cookie.ifPresent(name -> problems.add(who + "forwarded request still has the " + name
                            + " cookie (header \"" + header.getKey() + "\")"));
                }
            }
        }
    }

    private static Optional<String> tokenCookieIn(String cookieHeader) {
        for (String pair : cookieHeader.split(";", -1)) {
            int eq = pair.indexOf('=');
            String name = (eq < 0 ? pair : pair.substring(0, eq)).strip();
            if (TOKEN_COOKIES.contains(name)) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    /** The Authorization values and token cookie values of an event (for a replayed case's leak check). */
    public static List<String> credentialsIn(JsonNode event) {
        List<String> found = new ArrayList<>();
        JsonNode headers = event.path("Records").path(0).path("cf").path("request").path("headers");
        for (JsonNode entry : headers.path("authorization")) {
            String value = entry.path("value").asText("");
            int space = value.indexOf(' ');
            found.add((space < 0 ? value : value.substring(space + 1)).strip());
        }
        for (JsonNode entry : headers.path("cookie")) {
            for (String pair : entry.path("value").asText("").split(";", -1)) {
                int eq = pair.indexOf('=');
                if (eq > 0 && TOKEN_COOKIES.contains(pair.substring(0, eq).strip())) {
                    found.add(pair.substring(eq + 1).strip());
                }
            }
        }
        found.removeIf(secret -> secret.length() < Draft.MIN_SECRET_LENGTH);
        return found;
    }

    /** The case's secrets, plus the signature segment (after the last dot) of each, when long enough to tell. */
    static List<String> secrets(FuzzCase fuzzCase) {
        List<String> secrets = new ArrayList<>();
        for (String secret : fuzzCase.secrets()) {
            secrets.add(secret);
            String signature = secret.substring(secret.lastIndexOf('.') + 1).strip();
            if (signature.length() >= Draft.MIN_SECRET_LENGTH && !secrets.contains(signature)) {
                secrets.add(signature);
            }
        }
        return secrets;
    }

    private static void logs(FuzzCase fuzzCase, EngineRun run, List<String> problems) {
        List<String> secrets = secrets(fuzzCase);
        List<String> lines = run.result().log();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.contains("internal error")) {
                problems.add("escape: " + run.engine() + " caught a throw inside the handler (log line " + i + ": "
                        + clip(line) + ")");
            }
            for (int s = 0; s < secrets.size(); s++) {
                if (line.contains(secrets.get(s))) {
                    problems.add("leak: " + run.engine() + " log line " + i + " contains secret #" + s
                            + " of the case (a token, signature or cookie value)");
                }
            }
        }
    }

    private static String clip(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
