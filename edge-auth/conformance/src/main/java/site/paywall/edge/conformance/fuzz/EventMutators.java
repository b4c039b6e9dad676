package site.paywall.edge.conformance.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigInteger;
import java.util.Iterator;
import site.paywall.edge.conformance.ViewerRequestEvents;
import site.paywall.edge.conformance.fuzz.CaseGenerator.TokenSpec;

/** Mutations of the event around the token: URIs, header shapes and combinations, the event's structure, junk. */
final class EventMutators {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final CaseGenerator generator;

    EventMutators(CaseGenerator generator) {
        this.generator = generator;
    }

    void event(Draft d) {
        d.category = "event";
        String base = generator.path(d);
        boolean uri = d.chance(50);
        generator.startEvent(d, uri ? mutateUri(d, base) : base);
        int credential = d.nextInt(100);
        if (credential < 60) {
            generator.place(d, generator.token(d, generator.spec(d, true)));
        } else if (credential < 75) {
            TokenSpec spec = generator.spec(d, true);
            String token = generator.token(d, spec);
            generator.place(d, token.substring(0, token.length() - 2) + "AA");
            d.mutation("token with a broken signature");
        }
        int count = uri ? d.nextInt(2) : 1 + (d.chance(25) ? 1 : 0);
        for (int i = 0; i < count; i++) {
            mutateEvent(d);
        }
    }

    // ---------------------------------------------------------------- URIs

    /** {@code path} with {@code text} put at the start of its last segment ("/premium/*report.pdf"). */
    private static String atLastSegment(String path, String text) {
        int slash = path.lastIndexOf('/') + 1;
        return path.substring(0, slash) + text + path.substring(slash);
    }

    String mutateUri(Draft d, String path) {
        int v = d.nextInt(16);
        String uri;
        switch (v) {
            case 0: {
                StringBuilder out = new StringBuilder();
                for (char c : path.toCharArray()) {
                    out.append(c != '/' && d.chance(30) ? String.format(d.chance(50) ? "%%%02X" : "%%%02x", (int) c)
                            : String.valueOf(c));
                }
                uri = out.toString();
                break;
            }
            case 1: {
                int slash = path.indexOf('/', 1);
                uri = slash < 0 ? path + "%2F" : path.substring(0, slash) + d.pick("%2F", "%2f", "\\", "%5C", "%5c")
                        + path.substring(slash + 1);
                break;
            }
            case 2:
                uri = insertSegment(d, path, d.pick("/./", "/../", "/%2e%2e/", "/.%2E/", "/%2E/", "/.../", "/..a/"));
                break;
            case 3:
                uri = d.pick(path + "/.", path + "/..", path + "/%2e", "/premium/../assets/x.js",
                        "/assets/../premium/report.pdf", "/assets/%2e%2e/premium/report.pdf");
                break;
            case 4:
                uri = d.pick("/" + path, insertSegment(d, path, "//"), path + "//", path + "/");
                break;
            case 5:
                uri = insertAt(d, path, d.pick("\t", " ", "\u0000", "%00", "%0A", "%0d", "%7F", "%C2%80", "%c2%9f",
                        "%E2%80%AE", "%09", "%20", "\u007f", "\r\n"));
                break;
            case 6:
                uri = insertAt(d, path, d.pick("é", "%C3%A9", "%c3%a9", "%C0%AF", "%E0%80%AF", "%ED%A0%80",
                        "%F4%90%80%80", "%E2%82", "%80", "%FF", "%F0%9F%98%80", "ｒ", "%EF%BD%92", "%EF%BB%BF", "+",
                        "%2B", "%20", "+%2B+"));
                break;
            case 7:
                uri = d.pick(path + "%", path + "%4", path + "%G0", path + "%%", path + "%2", "%2Fpremium/x",
                        path.replace("/", "%"));
                break;
            case 8:
                uri = d.pick(path.substring(1), "", "*", "http://example.com" + path, "?", "#", "premium/report.pdf");
                break;
            case 9: {
                StringBuilder longer = new StringBuilder(path.endsWith("/") ? path : path + "/");
                int target = d.pick(8191, 8192, 8193, 9000, 20_000);
                while (longer.length() < target) {
                    longer.append("abcdefgh/");
                }
                longer.setLength(target);
                if (longer.charAt(longer.length() - 1) == '/' && longer.charAt(longer.length() - 2) == '/') {
                    longer.setCharAt(longer.length() - 1, 'x');
                }
                uri = longer.toString();
                break;
            }
            case 10:
                uri = path + d.pick("?a=b", "#frag", ";jsessionid=1", "?", "%3Fa=b", "%23x");
                break;
            case 11:
                // A "*" (or "?") where a rule has its star: the star must take it, not match it as a literal.
                uri = d.pick(path.toUpperCase(), path + "+x", path.replace("premium", "Premium"), path + "~",
                        atLastSegment(path, d.pick("*", "**", "%2A", "*?", "?")));
                break;
            case 12:
                uri = "/" + CaseGenerator.randomText(d, 40);
                break;
            case 13: {
                StringBuilder out = new StringBuilder("/");
                int n = d.between(1, 30);
                for (int i = 0; i < n; i++) {
                    out.append(d.pick("a", "/", ".", "%", "2", "e", "F", "%2e", "%2F", "..", "premium", "*", "?"));
                }
                uri = out.toString();
                break;
            }
            case 14:
                uri = d.pick("/premium%2Freport.pdf", "/premium/%2e%2e/index.html", "/%70remium/report.pdf",
                        "/premium/%2Freport.pdf", "/%2e/premium/report.pdf", "/downloads/guide%2Epdf",
                        "/downloads/guide.pdf%00.html", "/downloads/guide.pdf%20", "/x.html/../premium/a.pdf");
                break;
            default:
                uri = path + "/" + d.pick("%", "%%2e", "%252e%252e", "%u002e", "..%2f", "%c0%ae%c0%ae");
                break;
        }
        d.mutation("uri variant " + v);
        return uri;
    }

    private static String insertSegment(Draft d, String path, String segment) {
        int slash = path.indexOf('/', 1);
        return slash < 0 ? path + segment.substring(1) : path.substring(0, slash) + segment + path.substring(slash + 1);
    }

    private static String insertAt(Draft d, String path, String text) {
        int at = d.between(1, path.length());
        return path.substring(0, at) + text + path.substring(at);
    }

    // ---------------------------------------------------------------- the event around the request

    private void mutateEvent(Draft d) {
        if (!d.intact()) {
            return;
        }
        int v = d.nextInt(14);
        switch (v) {
            case 0: {
                int n = d.pick(5, 20, 60, 150);
                for (int i = 0; i < n; i++) {
                    String name = "x-" + Integer.toString(d.nextInt(1 << 20), 36);
                    d.header(d.chance(20) ? name.toUpperCase() : name, CaseGenerator.randomText(d, 60));
                }
                d.mutation(n + " extra headers");
                break;
            }
            case 1: {
                ObjectNode headers = headers(d);
                JsonNode existing = headers.get("authorization");
                String value = existing instanceof ArrayNode && existing.size() > 0 && d.chance(50)
                        ? existing.get(0).path("value").asText() : d.pick("Bearer a.b.c", "Basic dXNlcjpwYXNz", "");
                d.header("Authorization", value);
                d.mutation("another Authorization header");
                break;
            }
            case 2: {
                String token = someToken(d);
                String value = d.pick("Basic dXNlcjpwYXNz", "Bearer", "Bearer ", "", " Bearer " + token,
                        "Bearer\t" + token, "Token " + token, "bearer " + token, "Bearer " + token + " extra",
                        "BEARER  " + token + "  ", "Bearer\u00a0" + token, "Bearer " + token + "\u0000");
                headers(d).remove("authorization");
                d.header("Authorization", value);
                d.secret(token);
                d.mutation("authorization value variant");
                break;
            }
            case 3: {
                String token = someToken(d);
                String other = someToken(d);
                String cookie = d.pick("id_token=" + token + "; id_token=" + token,
                        "id_token=" + token + "; id_token=" + other, "id_token=; access_token=" + token,
                        "id_token; access_token=" + token, "xid_token=" + token, "ID_TOKEN=" + token,
                        "id_token=" + token + "; access_token=" + other,
                        "access_token=" + other + "; id_token=" + token,
                        " id_token\t=\t" + token + "\t", "id_token=\"" + token + "\"", "id_token=" + token + ";;;",
                        "id_token==" + token, "a=b;id_token=" + token + ";c");
                d.header("Cookie", cookie);
                if (d.chance(30)) {
                    d.header("Cookie", d.pick("id_token=" + other, "access_token=" + token, "theme=light"));
                }
                d.secret(token);
                d.secret(other);
                d.mutation("cookie variant");
                break;
            }
            case 4:
            case 5: {
                String name = d.pick("authorization", "cookie", "authorization", "cookie", "accept", "user-agent",
                        "host");
                ObjectNode headers = headers(d);
                JsonNode bad;
                switch (d.nextInt(9)) {
                    case 0: bad = list(NODES.objectNode().put("key", name).put("value", 42)); break;
                    case 1: bad = list(NODES.objectNode().put("key", name).putNull("value")); break;
                    case 2: bad = list(NODES.objectNode().put("key", name)); break;
                    case 3: bad = list(new TextNode("Bearer a.b.c")); break;
                    case 4: bad = list(NODES.nullNode()); break;
                    case 5: bad = NODES.objectNode().put("key", name).put("value", "x"); break;
                    case 6: bad = new TextNode("Bearer a.b.c"); break;
                    case 7: bad = d.chance(50) ? NODES.nullNode() : NODES.arrayNode(); break;
                    default: bad = list(NODES.objectNode().put("key", name).set("value",
                            NODES.arrayNode().add("Bearer a.b.c")));
                }
                if (d.chance(50) && headers.get(name) instanceof ArrayNode existing && existing.size() > 0) {
                    if (bad.isArray() && !bad.isEmpty()) {
                        existing.add(bad.get(0));
                    } else {
                        headers.set(name, bad);
                    }
                } else {
                    headers.set(name, bad);
                }
                d.mutation((bad.isArray() && bad.isEmpty() ? "empty list for the " : "malformed ") + name
                        + " header: " + abbreviate(bad.toString()));
                break;
            }
            case 6: {
                ObjectNode headers = headers(d);
                String token = someToken(d);
                headers.set(d.pick("Authorization", "AUTHORIZATION", "Cookie"),
                        list(NODES.objectNode().put("key", "Authorization").put("value", "Bearer " + token)));
                d.secret(token);
                d.mutation("credential under a non-lowercase header name");
                break;
            }
            case 7: {
                ObjectNode headers = headers(d);
                Iterator<JsonNode> all = headers.elements();
                while (all.hasNext()) {
                    for (JsonNode entry : all.next()) {
                        if (entry instanceof ObjectNode object && d.chance(50)) {
                            object.remove("key");
                        }
                    }
                }
                d.mutation("header entries without key");
                break;
            }
            case 8:
            case 9:
            case 10:
                structure(d);
                break;
            case 11: {
                ObjectNode request = requestOrNull(d);
                if (request != null) {
                    String a = d.pick("uri", "method", "querystring", "headers", "clientIp");
                    String b = d.pick("uri", "method", "querystring", "headers", "clientIp");
                    JsonNode va = request.get(a);
                    request.set(a, request.get(b));
                    request.set(b, va);
                    d.mutation("request." + a + " and ." + b + " swapped");
                }
                break;
            }
            case 12: {
                ObjectNode request = requestOrNull(d);
                if (request != null) {
                    request.put("querystring", d.pick("a=1&b=2", "token=abc", "%", "x".repeat(5000),
                            CaseGenerator.randomText(d, 50)));
                    request.put("method", d.pick("POST", "HEAD", "OPTIONS", "get", "", "DELETE"));
                    request.put("clientIp", d.pick("2001:db8::1", "", "not-an-ip"));
                    d.mutation("request fields varied");
                }
                break;
            }
            default: {
                ObjectNode request = requestOrNull(d);
                if (request != null) {
                    request.set("body", NODES.objectNode().put("action", "read-only").put("data", "e30=")
                            .put("encoding", "base64").put("inputTruncated", false));
                    request.set("origin", NODES.objectNode().set("s3", NODES.objectNode().put("domainName", "b")));
                }
                d.event.put("extra", d.pick("x", "y"));
                d.mutation("extra fields");
                break;
            }
        }
    }

    private void structure(Draft d) {
        ObjectNode event = d.event;
        ObjectNode cf = (ObjectNode) event.get("Records").get(0).get("cf");
        ObjectNode config = (ObjectNode) cf.get("config");
        ObjectNode request = (ObjectNode) cf.get("request");
        int v = d.nextInt(22);
        switch (v) {
            case 0: event.remove("Records"); break;
            case 1: event.putArray("Records"); break;
            case 2: ((ArrayNode) event.get("Records")).add(event.get("Records").get(0).deepCopy()); break;
            case 3: event.set("Records", event.get("Records").get(0)); break;
            case 4: event.putNull("Records"); break;
            case 5: ((ArrayNode) event.get("Records")).set(0, d.pick(NODES.nullNode(), new TextNode("cf"),
                    NODES.arrayNode().add(cf))); break;
            case 6: ((ObjectNode) event.get("Records").get(0)).remove("cf"); break;
            case 7: ((ObjectNode) event.get("Records").get(0)).set("cf", NODES.arrayNode().add(cf)); break;
            case 8: cf.remove("config"); break;
            case 9: cf.set("config", NODES.arrayNode().add(config)); break;
            case 10: config.put("eventType", d.pick("origin-request", "viewer-response", "origin-response",
                    "Viewer-Request", "", "viewer-request ")); break;
            case 11: config.remove("eventType"); break;
            case 12: config.set("eventType", d.pick(NODES.numberNode(1), NODES.nullNode(),
                    NODES.arrayNode().add("viewer-request"))); break;
            case 13: config.set("requestId", d.pick(NODES.numberNode(7), NODES.nullNode(), NODES.objectNode()));
                break;
            case 14: config.remove("requestId"); break;
            case 15: cf.remove("request"); break;
            case 16: cf.set("request", d.pick(NODES.arrayNode().add(request), new TextNode("GET /"),
                    NODES.nullNode())); break;
            case 17: request.remove("uri"); break;
            case 18: request.set("uri", d.pick(NODES.numberNode(1), NODES.nullNode(),
                    NODES.arrayNode().add(request.get("uri")), NODES.objectNode())); break;
            case 19: request.remove("headers"); break;
            case 20: request.set("headers", d.pick(NODES.arrayNode(), NODES.nullNode(), new TextNode("host: x"),
                    NODES.arrayNode().add(request.get("headers")))); break;
            default: request.remove(d.pick("method", "querystring", "clientIp")); break;
        }
        d.mutation("structure variant " + v);
    }

    /** A fresh valid token, or a broken one: what a viewer might put in a header the mutation is about. */
    private String someToken(Draft d) {
        String token = generator.token(d, generator.spec(d, d.chance(80)));
        return d.chance(80) ? token : token.substring(0, token.length() - 3) + "abc";
    }

    private static ObjectNode headers(Draft d) {
        return (ObjectNode) ViewerRequestEvents.request(d.event).get("headers");
    }

    private static ObjectNode requestOrNull(Draft d) {
        JsonNode request = d.event.path("Records").path(0).path("cf").path("request");
        return request instanceof ObjectNode object && object.get("headers") instanceof ObjectNode ? object : null;
    }

    private static ArrayNode list(JsonNode entry) {
        return NODES.arrayNode().add(entry);
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    // ---------------------------------------------------------------- junk

    void junk(Draft d) {
        d.category = "junk";
        int v = d.nextInt(4);
        if (v == 0) {
            d.event = NODES.objectNode();
            d.event.set("Records", NODES.arrayNode().add(NODES.objectNode().set("cf", randomJson(d, 4))));
        } else if (v == 1) {
            generator.startEvent(d, generator.path(d));
            ObjectNode cf = (ObjectNode) d.event.get("Records").get(0).get("cf");
            String field = d.pick("config", "request");
            cf.set(field, randomJson(d, 3));
            d.mutation("cf." + field + " replaced by junk");
            return;
        } else if (v == 2) {
            generator.startEvent(d, generator.path(d));
            ObjectNode request = ViewerRequestEvents.request(d.event);
            request.set("headers", randomObject(d, 3));
            d.mutation("headers replaced by junk");
            return;
        } else {
            JsonNode junk = randomJson(d, 5);
            d.event = junk instanceof ObjectNode object ? object : NODES.objectNode().set("junk", junk);
            if (d.chance(50) && !(junk instanceof ObjectNode)) {
                // A non-object event is sent as the value itself, wrapped nowhere.
                d.event = NODES.objectNode();
                d.event.set("Records", junk);
            }
        }
        d.mutation("junk variant " + v);
    }

    private JsonNode randomJson(Draft d, int depth) {
        int kind = d.nextInt(depth <= 0 ? 5 : 7);
        switch (kind) {
            case 0: return NODES.nullNode();
            case 1: return NODES.booleanNode(d.chance(50));
            case 2: return randomNumber(d);
            case 3:
            case 4:
                return new TextNode(CaseGenerator.randomText(d, 30));
            case 5: {
                ArrayNode array = NODES.arrayNode();
                int n = d.nextInt(4);
                for (int i = 0; i < n; i++) {
                    array.add(randomJson(d, depth - 1));
                }
                return array;
            }
            default: return randomObject(d, depth - 1);
        }
    }

    private ObjectNode randomObject(Draft d, int depth) {
        ObjectNode object = NODES.objectNode();
        int n = d.nextInt(5);
        for (int i = 0; i < n; i++) {
            String name = d.pick("Records", "cf", "config", "request", "uri", "headers", "authorization", "cookie",
                    "value", "key", "__proto__", "constructor", "eventType", "0", "length",
                    CaseGenerator.randomText(d, 8));
            object.set(name, randomJson(d, depth));
        }
        return object;
    }

    private static JsonNode randomNumber(Draft d) {
        switch (d.nextInt(5)) {
            case 0: return NODES.numberNode(d.between(-1000, 1000));
            case 1: return NODES.numberNode(d.random.nextLong());
            case 2: return NODES.numberNode(d.random.nextDouble() * 1e6);
            case 3: return NODES.numberNode(new BigInteger(100, new java.util.Random(d.random.nextLong())));
            default: return NODES.numberNode(0.5);
        }
    }
}
