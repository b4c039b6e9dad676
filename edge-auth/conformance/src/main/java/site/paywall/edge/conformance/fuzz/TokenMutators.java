package site.paywall.edge.conformance.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import site.paywall.edge.conformance.TestKeys;
import site.paywall.edge.conformance.TestSite;
import site.paywall.edge.conformance.TokenFactory;
import site.paywall.edge.conformance.fuzz.CaseGenerator.TokenSpec;
import site.paywall.edge.conformance.fuzz.Signer.SigningKey;

/** Mutations of a token's claims and header (signed afterwards, so the checks behind the signature run) and of
 * the finished token's text (after signing). */
final class TokenMutators {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> CLAIM_NAMES = List.of("sub", "iss", "aud", "client_id", "token_use", "exp",
            "iat", "nbf", "cognito:groups", "auth_time", "email", "username", "scope", "jti");
    private static final String[] WEIRD_NUMBERS = {"1e400", "-1e400", "1e-400", "-0", "-1", "-0.5", "0", "0.0",
            "253402300799", "253402300799.4", "253402300800", "9007199254740993", "1.7957808E9", "17957808000e-1",
            "1795784400.9999999999999", "123456789012345678901234567890", "1e15", "4102444800", "1E2", "2.5e9",
            "1795780800.000000000000000000001", "0.1e10"};

    private final CaseGenerator generator;

    TokenMutators(CaseGenerator generator) {
        this.generator = generator;
    }

    /** Claims as an editable tree plus raw-text edits (numbers JSON libraries will not write, duplicates…). */
    static final class Payload {
        final ObjectNode claims;
        private final Map<String, String> raw = new LinkedHashMap<>();
        private final List<UnaryOperator<String>> textEdits = new ArrayList<>();
        private final List<UnaryOperator<byte[]>> byteEdits = new ArrayList<>();

        Payload(ObjectNode claims) {
            this.claims = claims;
        }

        /** A string node that {@link #text()} replaces with {@code rawJson} verbatim. */
        TextNode raw(String rawJson) {
            String marker = "\u0000RAW" + raw.size() + "\u0000";
            raw.put(marker, rawJson);
            return new TextNode(marker);
        }

        void edit(UnaryOperator<String> edit) {
            textEdits.add(edit);
        }

        void editBytes(UnaryOperator<byte[]> edit) {
            byteEdits.add(edit);
        }

        String text() {
            String text = TokenFactory.json(claims);
            for (Map.Entry<String, String> marker : raw.entrySet()) {
                text = text.replace(TokenFactory.json(new TextNode(marker.getKey())), marker.getValue());
            }
            for (UnaryOperator<String> edit : textEdits) {
                text = edit.apply(text);
            }
            return text;
        }

        byte[] bytes() {
            byte[] bytes = text().getBytes(StandardCharsets.UTF_8);
            for (UnaryOperator<byte[]> edit : byteEdits) {
                bytes = edit.apply(bytes);
            }
            return bytes;
        }

        boolean hasByteEdits() {
            return !byteEdits.isEmpty();
        }
    }

    /** Inserts {@code insert} before the text's last "}", or appends it when there is none. */
    static String beforeLastBrace(String text, String insert) {
        int close = text.lastIndexOf('}');
        return close < 0 ? text + insert : text.substring(0, close) + insert + text.substring(close);
    }

    /** Adds a member (raw JSON text) right after "{" or right before the last "}". */
    static UnaryOperator<String> member(String name, String rawValue, boolean first) {
        String member = TokenFactory.json(new TextNode(name)) + ":" + rawValue;
        return text -> {
            int open = text.indexOf('{');
            int close = text.lastIndexOf('}');
            if (open < 0 || close < open) {
                return text;
            }
            boolean empty = text.substring(open + 1, close).isBlank();
            return first ? text.substring(0, open + 1) + member + (empty ? "" : ",") + text.substring(open + 1)
                    : text.substring(0, close) + (empty ? "" : ",") + member + text.substring(close);
        };
    }

    // ---------------------------------------------------------------- claims

    void claims(Draft d) {
        d.category = "claims";
        TokenSpec spec = generator.spec(d, d.chance(85));
        Payload payload = new Payload(generator.claims(spec));
        int count = d.chance(20) ? d.between(2, 3) : 1;
        for (int i = 0; i < count; i++) {
            mutateClaims(d, spec, payload);
        }
        String header = generator.headerText(spec.key());
        String token = payload.hasByteEdits()
                ? generator.signer().signBytes(header.getBytes(StandardCharsets.UTF_8), payload.bytes(), spec.key(),
                        d.ledger)
                : generator.signer().signText(header, payload.text(), spec.key(), d.ledger);
        generator.startEvent(d, d.chance(90) ? d.pick(CaseGenerator.PROTECTED_PATHS) : generator.path(d));
        generator.place(d, token);
        d.mutation("base: " + spec.label());
    }

    private void mutateClaims(Draft d, TokenSpec spec, Payload p) {
        ObjectNode c = p.claims;
        String audClaim = spec.id() ? "aud" : "client_id";
        switch (d.nextInt(17)) {
            case 0: {
                String name = d.pick(CLAIM_NAMES);
                c.remove(name);
                d.mutation("remove " + name);
                break;
            }
            case 1: {
                String name = d.pick(CLAIM_NAMES);
                JsonNode old = c.has(name) ? c.get(name) : new TextNode("x");
                JsonNode value = d.pick(List.<JsonNode>of(
                        new TextNode(old.isTextual() ? old.textValue() : old.toString()),
                        NODES.numberNode(1_795_780_800L), NODES.arrayNode().add(old), NODES.objectNode().set("v", old),
                        NODES.nullNode(), NODES.booleanNode(true), NODES.booleanNode(false), new TextNode("")));
                c.set(name, value);
                d.mutation(name + " as " + value.getNodeType().name().toLowerCase());
                break;
            }
            case 2: {
                String name = d.pick("exp", "iat", "nbf");
                long skew = TestSite.CLOCK_SKEW_SECONDS;
                long base = name.equals("exp") ? d.nowSeconds - skew : d.nowSeconds + skew;
                long value = base + d.between(-2, 2);
                String fraction = d.pick("", "", ".0", ".5", ".999999", ".000001");
                c.set(name, p.raw(value + fraction));
                d.mutation(name + " at the skew boundary: " + value + fraction);
                break;
            }
            case 3: {
                if (d.chance(15)) {
                    // iat after exp: the contract has no rule against it; only the window counts.
                    c.put("iat", d.nowSeconds - d.between(0, 30));
                    c.put("exp", d.nowSeconds - d.between(31, 90));
                    d.mutation("iat after exp");
                    break;
                }
                String name = d.pick("exp", "iat", "nbf", "exp");
                String number = d.pick(WEIRD_NUMBERS);
                c.set(name, p.raw(number));
                d.mutation(name + " = " + number);
                break;
            }
            case 4: {
                JsonNode value = d.pick(List.<JsonNode>of(NODES.arrayNode().add(TestSite.CLIENT_ID),
                        NODES.arrayNode().add(TestSite.CLIENT_ID).add(TestSite.OTHER_CLIENT_ID), NODES.arrayNode(),
                        new TextNode(TestSite.OTHER_CLIENT_ID), new TextNode(TestSite.CLIENT_ID + " "),
                        new TextNode(TestSite.CLIENT_ID.toUpperCase())));
                String name = d.pick(audClaim, audClaim, spec.id() ? "client_id" : "aud");
                c.set(name, value);
                if (d.chance(30)) {
                    c.remove(audClaim);
                }
                d.mutation(name + " = " + value + (c.has(audClaim) ? "" : ", " + audClaim + " removed"));
                break;
            }
            case 5: {
                String iss = generator.site().issuer();
                int v = d.nextInt(7);
                if (v < 5) {
                    String value = new String[] {iss + "/", iss.toUpperCase(), iss.replace("https", "http"),
                            iss.replace("TestPool1", "TestPool2"), " " + iss}[v];
                    c.put("iss", value);
                } else {
                    // Escapes that decode to the exact issuer: still valid.
                    c.set("iss", p.raw(v == 5 ? "\"" + iss.replace("/", "\\/") + "\""
                            : "\"\\u0068" + iss.substring(1) + "\""));
                }
                d.mutation("iss variant " + v);
                break;
            }
            case 6: {
                String value = d.pick("ID", "Access", "refresh", "", "id ", spec.id() ? "access" : "id");
                c.put("token_use", value);
                if (d.chance(50)) {
                    c.put(spec.id() ? "client_id" : "aud", TestSite.CLIENT_ID);
                }
                d.mutation("token_use \"" + value + "\"");
                break;
            }
            case 7: {
                int v = d.nextInt(7);
                if (v == 6) {
                    c.put("sub", 42);
                } else {
                    c.put("sub", new String[] {"", " ", "\u0000", "x".repeat(3000), "日本語", "\ud83d\ude00"}[v]);
                }
                d.mutation("sub variant " + v);
                break;
            }
            case 8: {
                int v = d.nextInt(12);
                JsonNode value;
                switch (v) {
                    case 0: value = new TextNode(TestSite.PAYING_GROUP); break;
                    case 1: value = NODES.arrayNode().add(TestSite.PAYING_GROUP).addNull(); break;
                    case 2: value = NODES.arrayNode().add(NODES.arrayNode().add(TestSite.PAYING_GROUP)); break;
                    case 3: value = NODES.objectNode().put("0", TestSite.PAYING_GROUP).put("length", 1); break;
                    case 4: value = NODES.arrayNode().add(TestSite.PAYING_GROUP).add(1); break;
                    case 5: value = NODES.nullNode(); break;
                    case 6: value = NODES.arrayNode(); break;
                    case 7: value = NODES.arrayNode().add("PAYING-CUSTOMERS"); break;
                    case 8: value = NODES.arrayNode().add(TestSite.PAYING_GROUP + "\u0000"); break;
                    case 9: value = NODES.arrayNode().add("staff").add("staff"); break;
                    case 10: value = NODES.arrayNode().add("paying\u2010customers"); break;
                    default: value = NODES.arrayNode().add(TestSite.PAYING_GROUP).add(TestSite.PAYING_GROUP); break;
                }
                c.set("cognito:groups", value);
                d.mutation("cognito:groups = " + value);
                break;
            }
            case 9: {
                String name = d.pick("exp", "iss", "token_use", "sub", "cognito:groups", audClaim, "iat");
                String bad = d.pick("null", "\"\"", "0", "[]", "{}", "\"x\"", "1e400");
                JsonNode good = c.get(name);
                String goodText = good == null ? "[\"" + TestSite.PAYING_GROUP + "\"]" : TokenFactory.json(good);
                boolean badFirst = d.chance(50);
                p.edit(member(name, badFirst ? bad : goodText, true));
                if (!badFirst) {
                    c.set(name, p.raw(bad));
                } else if (good == null) {
                    c.set(name, p.raw(goodText));
                }
                d.mutation("duplicate " + name + (badFirst ? ", good value last" : ", bad value last"));
                break;
            }
            case 10: {
                String name = d.pick("sub", "exp", "iss", "token_use", "cognito:groups", audClaim);
                if (c.has(name)) {
                    JsonNode value = c.remove(name);
                    String escaped = "\"\\u00" + Integer.toHexString(name.charAt(0)) + name.substring(1) + "\"";
                    p.edit(text -> beforeLastBrace(text, "," + escaped + ":" + TokenFactory.json(value)));
                }
                d.mutation("member name " + name + " written with a \\u escape");
                break;
            }
            case 11: {
                int v = d.nextInt(7);
                switch (v) {
                    case 0: {
                        JsonNode sub = c.remove("sub");
                        c.set("__proto__", NODES.objectNode().set("sub", sub == null ? new TextNode("x") : sub));
                        break;
                    }
                    case 1: {
                        JsonNode groups = c.remove("cognito:groups");
                        c.set("__proto__", NODES.objectNode().set("cognito:groups",
                                groups == null ? NODES.arrayNode().add(TestSite.PAYING_GROUP) : groups));
                        break;
                    }
                    case 2: c.set("__proto__", NODES.nullNode()); break;
                    case 3: c.set("constructor", NODES.objectNode().put("name", "Object")); break;
                    case 4: c.put("hasOwnProperty", 1); break;
                    case 5: c.put("toString", "x"); c.put("valueOf", "y"); break;
                    default: {
                        JsonNode exp = c.remove("exp");
                        c.set("constructor", NODES.objectNode().set("prototype", NODES.objectNode().set("exp",
                                exp == null ? NODES.numberNode(4_102_444_800L) : exp)));
                        break;
                    }
                }
                d.mutation("prototype-looking member, variant " + v);
                break;
            }
            case 12: {
                int depth = d.pick(10, 100, 1000, 2000);
                boolean arrays = d.chance(50);
                String nested = arrays ? "[".repeat(depth) + "]".repeat(depth)
                        : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
                c.set("deep", p.raw(nested));
                d.mutation("nesting depth " + depth + (arrays ? " (arrays)" : " (objects)"));
                break;
            }
            case 13: {
                String shape = d.pick("[]", "[{}]", "\"x\"", "42", "null", "true", "", " ", "{", "}", "{}",
                        "{\"sub\":\"a\"", "TRAILING", "TWICE", "NL", "TAB", "NBSP", "FF", "COMMENT", "COMMA", "QUOTES",
                        "NAN", "HEX", "ZERO", "PLUS");
                p.edit(text -> {
                    switch (shape) {
                        case "TRAILING": return text + "x";
                        case "TWICE": return text + text;
                        case "NL": return "\n" + text + "\r\n";
                        case "TAB": return "\t " + text;
                        case "NBSP": return "\u00a0" + text;
                        case "FF": return text + "\f";
                        case "COMMENT": return "/*c*/" + text;
                        case "COMMA": return beforeLastBrace(text, ",");
                        case "QUOTES": return text.replace("\"sub\"", "'sub'");
                        case "NAN": return beforeLastBrace(text, ",\"nbf\":NaN");
                        case "HEX": return beforeLastBrace(text, ",\"nbf\":0x10");
                        case "ZERO": return beforeLastBrace(text, ",\"nbf\":0123");
                        case "PLUS": return beforeLastBrace(text, ",\"nbf\":+1");
                        default: return shape;
                    }
                });
                d.mutation("payload text shape " + shape);
                break;
            }
            case 14: {
                int v = d.nextInt(11);
                p.editBytes(bytes -> invalidUtf8(bytes, v));
                d.mutation("payload bytes variant " + v);
                break;
            }
            case 15: {
                int v = d.nextInt(5);
                switch (v) {
                    case 0: c.put("email", "\ud800"); break;
                    case 1: c.set("email", p.raw("\"\\ud800\"")); break;
                    case 2: c.set("sub", p.raw("\"\\ud83d\\ude00\"")); break;
                    case 3: c.set("sub", p.raw("\"\\u0000\"")); break;
                    default: c.put("cognito:username", "\u202eevil\u2028x"); break;
                }
                d.mutation("unicode variant " + v);
                break;
            }
            default: {
                int target = d.pick(8100, 8188, 8191, 8192, 8193, 8200);
                String header = generator.headerText(spec.key());
                // One byte of pad adds 4/3 characters: estimate, then step a few times (a text edit may have
                // replaced the payload entirely, in which case the pad changes nothing and the steps stop).
                int base = tokenLength(header, textWithPad(p, c, 0));
                int n = Math.max(0, (target - base) * 3 / 4);
                for (int step = 0; step < 8 && n > 0 && tokenLength(header, textWithPad(p, c, n)) > target; step++) {
                    n--;
                }
                for (int step = 0; step < 8 && tokenLength(header, textWithPad(p, c, n + 1)) <= target; step++) {
                    n++;
                }
                c.put("pad", "p".repeat(n));
                d.mutation("token padded to about " + target + " characters");
                break;
            }
        }
    }

    private static String textWithPad(Payload p, ObjectNode c, int n) {
        c.put("pad", "p".repeat(n));
        return p.text();
    }

    private static int tokenLength(String header, String payload) {
        return b64Length(header.getBytes(StandardCharsets.UTF_8).length) + 1
                + b64Length(payload.getBytes(StandardCharsets.UTF_8).length) + 1 + 342;
    }

    private static int b64Length(int bytes) {
        return (bytes * 4 + 2) / 3;
    }

    /** Breaks the UTF-8 of a JSON text in one of several ways (inside a string, in structure, a BOM, UTF-16…). */
    static byte[] invalidUtf8(byte[] bytes, int variant) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        int inString = text.indexOf("\"email\":\"");
        inString = inString >= 0 ? inString + 9 : text.indexOf("\"sub\":\"") >= 0 ? text.indexOf("\"sub\":\"") + 7 : 1;
        byte[][] inserts = {{(byte) 0xff}, {(byte) 0xc0, (byte) 0xaf}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0x80}, {(byte) 0xe2, (byte) 0x82},
                {(byte) 0xf0, (byte) 0x9f}};
        switch (variant) {
            case 7:
                return concat(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, bytes);
            case 8:
                return text.getBytes(StandardCharsets.UTF_16LE);
            case 9:
                return text.getBytes(StandardCharsets.UTF_16);
            case 10:
                // A lead byte swallowing the closing quote of the first member name.
                int quote = text.indexOf('"', 1);
                return splice(bytes, quote, new byte[] {(byte) 0xe0});
            default:
                return splice(bytes, inString, inserts[variant]);
        }
    }

    private static byte[] splice(byte[] bytes, int at, byte[] insert) {
        int position = Math.max(0, Math.min(at, bytes.length));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes, 0, position);
        out.write(insert, 0, insert.length);
        out.write(bytes, position, bytes.length - position);
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        return splice(b, 0, a);
    }

    // ---------------------------------------------------------------- header

    void header(Draft d) {
        d.category = "header";
        TokenSpec spec = generator.spec(d, true);
        String payload = TokenFactory.json(generator.claims(spec));
        String kid = CaseGenerator.kidOf(spec.key());
        SigningKey key = spec.key();
        String headerText;
        int v = d.nextInt(14);
        switch (v) {
            case 0: {
                String alg = d.pick("\"none\"", "\"HS256\"", "\"rs256\"", "\"RS384\"", "\"RS512\"", "\"PS256\"",
                        "\"ES256\"", "\"RS256 \"", "\"\"", "null", "256", "[\"RS256\"]", "\"Rs256\"",
                        "\"RS256\\u0000\"");
                headerText = "{\"kid\":\"" + kid + "\",\"alg\":" + alg + "}";
                d.mutation("alg " + alg);
                break;
            }
            case 1: {
                String kidValue = d.pick("\"nope\"", "1", "\"\"", "null", "[\"" + kid + "\"]", "\" " + kid + "\"",
                        "\"" + kid + "\\n\"", "\"" + kid.toUpperCase() + "\"", "MISSING");
                headerText = kidValue.equals("MISSING") ? "{\"alg\":\"RS256\"}"
                        : "{\"kid\":" + kidValue + ",\"alg\":\"RS256\"}";
                d.mutation("kid " + kidValue);
                break;
            }
            case 2: {
                headerText = generator.headerText(key);
                key = d.pick(key == SigningKey.PRIMARY ? SigningKey.SECONDARY : SigningKey.PRIMARY,
                        SigningKey.OUTSIDER);
                d.mutation("kid " + kid + " but signed by the " + key.name().toLowerCase() + " key");
                break;
            }
            case 3: {
                String crit = d.pick("[\"exp\"]", "[]", "\"b64\"", "null", "{}", "[\"b64\"],\"b64\":false");
                headerText = "{\"kid\":\"" + kid + "\",\"alg\":\"RS256\",\"crit\":" + crit + "}";
                d.mutation("crit " + crit);
                break;
            }
            case 4: {
                String extra = d.pick("\"jku\":\"https://evil.example/jwks.json\"", "\"x5u\":\"https://evil.example/x\"",
                        "\"jwk\":{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\"}", "\"x5c\":[\"MIIBIjANBgkq\"]",
                        "\"typ\":\"JWT\"", "\"typ\":\"at+jwt\"", "\"cty\":\"JWT\"", "\"zip\":\"DEF\"",
                        "\"b64\":false", "\"x5t#S256\":\"abc\"");
                headerText = "{\"kid\":\"" + kid + "\",\"alg\":\"RS256\"," + extra + "}";
                d.mutation("header extra " + extra.substring(0, extra.indexOf(':')));
                break;
            }
            case 5: {
                headerText = d.pick("[]", "\"RS256\"", "null", "1", "", "{", "{}", "[{\"alg\":\"RS256\"}]");
                d.mutation("header text " + headerText);
                break;
            }
            case 6: {
                boolean goodLast = d.chance(50);
                headerText = goodLast ? "{\"alg\":\"none\",\"kid\":\"" + kid + "\",\"alg\":\"RS256\"}"
                        : "{\"alg\":\"RS256\",\"kid\":\"" + kid + "\",\"alg\":\"none\"}";
                d.mutation("duplicate alg, " + (goodLast ? "RS256" : "none") + " last");
                break;
            }
            case 7: {
                headerText = d.pick("{\"alg\":\"RS\\u0032\\u00356\",\"kid\":\"" + kid + "\"}",
                        "{\"\\u0061lg\":\"RS256\",\"kid\":\"" + kid + "\"}",
                        "{\"alg\":\"RS256\",\"kid\":\"" + kid.replace("-", "\\u002d") + "\"}",
                        " {\n\t\"alg\" : \"RS256\" ,\r\n \"kid\" : \"" + kid + "\" } ");
                d.mutation("header escapes/whitespace");
                break;
            }
            case 8: {
                headerText = d.pick("{\"__proto__\":{\"alg\":\"RS256\",\"kid\":\"" + kid + "\"}}",
                        "{\"alg\":\"RS256\",\"kid\":\"" + kid + "\",\"__proto__\":{\"alg\":\"none\"}}",
                        "{\"kid\":\"" + kid + "\",\"constructor\":{\"alg\":\"RS256\"}}",
                        "{\"alg\":\"RS256\",\"kid\":\"__proto__\"}", "{\"alg\":\"RS256\",\"kid\":\"constructor\"}",
                        "{\"alg\":\"RS256\",\"kid\":\"toString\"}");
                d.mutation("header prototype-looking members");
                break;
            }
            case 9: {
                // Algorithm confusion: HS256 keyed with the public modulus, kid of a real key.
                headerText = "{\"alg\":\"HS256\",\"kid\":\"" + kid + "\"}";
                String input = TokenFactory.base64Url(headerText) + "." + TokenFactory.base64Url(payload);
                String token = input + "." + hmac(input, generator.site().keys());
                finish(d, token);
                d.mutation("alg HS256 keyed with the RSA modulus");
                return;
            }
            case 10: {
                headerText = "{\"alg\":\"none\",\"kid\":\"" + kid + "\"}";
                String input = TokenFactory.base64Url(headerText) + "." + TokenFactory.base64Url(payload);
                finish(d, input + d.pick(".", "", ".AA", ".e30"));
                d.mutation("alg none, no signature");
                return;
            }
            case 11: {
                byte[] bytes = generator.headerText(key).getBytes(StandardCharsets.UTF_8);
                int variant = d.nextInt(11);
                String token = generator.signer().signBytes(invalidUtf8(bytes, variant),
                        payload.getBytes(StandardCharsets.UTF_8), key, d.ledger);
                finish(d, token);
                d.mutation("header bytes variant " + variant);
                return;
            }
            case 12: {
                // A JWKS entry every engine must skip, holding the secondary key's modulus: signed by that key.
                String skipped = d.pick(DifferentialFuzzer.SKIPPED_KIDS);
                headerText = "{\"kid\":\"" + skipped + "\",\"alg\":\"RS256\"}";
                key = SigningKey.SECONDARY;
                d.mutation("kid of a skipped JWKS entry (" + skipped + "), signed by its modulus");
                break;
            }
            default: {
                headerText = "{\"kid\":\"" + (key == SigningKey.PRIMARY ? TestKeys.SECONDARY_KID : TestKeys.PRIMARY_KID)
                        + "\",\"alg\":\"RS256\"}";
                d.mutation("kid of the other bundled key");
                break;
            }
        }
        finish(d, generator.signer().signText(headerText, payload, key, d.ledger));
    }

    private void finish(Draft d, String token) {
        generator.startEvent(d, d.chance(90) ? d.pick(CaseGenerator.PROTECTED_PATHS) : generator.path(d));
        generator.place(d, token);
    }

    private static String hmac(String input, TestKeys keys) {
        try {
            String n = keys.jwks().get("keys").get(0).get("n").textValue();
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(n.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- token text

    void token(Draft d) {
        d.category = "token";
        TokenSpec spec = generator.spec(d, true);
        String token = generator.token(d, spec);
        int count = d.chance(15) ? 2 : 1;
        for (int i = 0; i < count; i++) {
            token = mutateToken(d, token);
        }
        generator.startEvent(d, d.chance(85) ? d.pick(CaseGenerator.PROTECTED_PATHS) : generator.path(d));
        generator.place(d, token);
        d.mutation("base: " + spec.label());
    }

    private String mutateToken(Draft d, String token) {
        if (token.length() < 2) {
            d.mutation("short token extended");
            return token + d.pick("A", ".", "AA.AA.AA");
        }
        int firstDot = token.indexOf('.');
        int lastDot = token.lastIndexOf('.');
        switch (d.nextInt(16)) {
            case 0:
            case 1: {
                String[] names = {"header", "payload", "signature"};
                int segment = d.nextInt(3);
                int from = segment == 0 ? 0 : segment == 1 ? firstDot + 1 : lastDot + 1;
                int to = segment == 0 ? firstDot : segment == 1 ? lastDot : token.length();
                if (firstDot < 0 || lastDot <= firstDot || to <= from) {
                    return token + "A";
                }
                int at = d.between(from, to - 1);
                int sextet = ALPHABET.indexOf(token.charAt(at));
                if (sextet < 0) {
                    return token;
                }
                int bit = d.nextInt(6);
                d.mutation("bit " + bit + " of " + names[segment] + " character " + (at - from) + " flipped");
                return token.substring(0, at) + ALPHABET.charAt(sextet ^ (1 << bit)) + token.substring(at + 1);
            }
            case 2: {
                // The unused low bits of the signature's last character: same bytes, different text.
                int at = token.length() - 1;
                int sextet = ALPHABET.indexOf(token.charAt(at));
                if (sextet < 0) {
                    return token;
                }
                int bit = d.nextInt(4);
                d.mutation("unused bit " + bit + " of the signature's last character flipped");
                return token.substring(0, at) + ALPHABET.charAt(sextet ^ (1 << bit));
            }
            case 3: {
                int at = d.nextInt(token.length());
                char flipped = (char) (token.charAt(at) ^ (1 << d.nextInt(7)));
                d.mutation("ASCII bit flip at " + at);
                return token.substring(0, at) + flipped + token.substring(at + 1);
            }
            case 4: {
                int keep = d.pick(d.nextInt(token.length()), token.length() - 1, token.length() - 2,
                        Math.max(lastDot, 0) + 1, Math.max(lastDot, 0));
                d.mutation("truncated to " + keep + " of " + token.length());
                return token.substring(0, keep);
            }
            case 5: {
                int at = d.nextInt(token.length() + 1);
                String dots = d.pick(".", "..");
                d.mutation("'" + dots + "' inserted at " + at);
                return token.substring(0, at) + dots + token.substring(at);
            }
            case 6: {
                int dot = d.chance(50) ? firstDot : lastDot;
                if (dot < 0) {
                    return token;
                }
                d.mutation("a dot removed");
                return token.substring(0, dot) + token.substring(dot + 1);
            }
            case 7: {
                int where = d.nextInt(3);
                String pad = d.pick("=", "==");
                d.mutation("padding after segment " + where);
                int at = where == 0 ? Math.max(firstDot, 0) : where == 1 ? Math.max(lastDot, 0) : token.length();
                return token.substring(0, at) + pad + token.substring(at);
            }
            case 8: {
                int at = d.nextInt(token.length() + 1);
                String junk = d.pick("+", "/", "%", "*", "~", "!", "@", "$", "é", "\u0000", "\u007f", "\"", ";", ",",
                        "😀", "\u2028", "\u2029", "Ａ", "\u0660", "\u00a0", "\r", "\n", "\u0085");
                if (d.chance(30)) {
                    // At a segment's end (before a dot or at the very end): where "$" in a regex may stop early.
                    int dot = d.pick(firstDot, lastDot, token.length());
                    d.mutation("'" + escape(junk) + "' at the end of a segment");
                    return dot < 0 ? token + junk : token.substring(0, dot) + junk + token.substring(dot);
                }
                d.mutation("'" + escape(junk) + "' inserted");
                return token.substring(0, at) + junk + token.substring(at);
            }
            case 9: {
                String ws = d.pick(" ", "\t", "  ", "\n");
                boolean inside = d.chance(50);
                d.mutation(inside ? "whitespace inside" : "whitespace around");
                if (inside) {
                    int at = d.nextInt(token.length() + 1);
                    return token.substring(0, at) + ws + token.substring(at);
                }
                return d.pick(ws + token, token + ws, ws + token + ws);
            }
            case 10: {
                int v = d.nextInt(3);
                d.mutation("very long variant " + v);
                if (v == 0) {
                    // An earlier mutation may have left the signature empty (or the token without a dot): repeat a
                    // non-empty piece, so the loop always ends (seed 20261128 hung here at case ~1,100).
                    String signature = token.substring(lastDot + 1);
                    String piece = signature.isEmpty() ? "A" : signature;
                    return token + piece.repeat(8193 / piece.length() + 1);
                }
                return v == 1 ? "A".repeat(20_000) : token + "A".repeat(16_000);
            }
            case 11: {
                TokenSpec other = generator.spec(d, true);
                String second = generator.token(d, other);
                boolean swapSignature = d.chance(50);
                if (firstDot < 0 || lastDot <= firstDot) {
                    d.mutation("another token appended");
                    return token + "." + second;
                }
                d.mutation(swapSignature ? "signature from another token" : "payload from another token");
                if (swapSignature) {
                    return token.substring(0, lastDot) + second.substring(second.lastIndexOf('.'));
                }
                return token.substring(0, firstDot) + second.substring(second.indexOf('.'), second.lastIndexOf('.'))
                        + token.substring(lastDot);
            }
            case 12: {
                boolean upper = d.chance(50);
                d.mutation(upper ? "upper-cased" : "lower-cased");
                return upper ? token.toUpperCase() : token.toLowerCase();
            }
            case 13: {
                String sep = d.pick(",", " ", ", ", ";");
                d.mutation("two tokens joined by '" + sep + "'");
                return token + sep + token;
            }
            case 14: {
                d.mutation("standard base64 alphabet");
                return token.replace('-', '+').replace('_', '/');
            }
            default: {
                int segment = d.nextInt(3);
                d.mutation("segment " + segment + " emptied");
                String[] parts = token.split("\\.", -1);
                if (parts.length != 3) {
                    return token;
                }
                parts[segment] = "";
                return String.join(".", parts);
            }
        }
    }

    /** Control and non-ASCII characters as \\uXXXX, for labels. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return out.toString();
    }
}
