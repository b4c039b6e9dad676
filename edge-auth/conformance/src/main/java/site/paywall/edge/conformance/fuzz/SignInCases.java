package site.paywall.edge.conformance.fuzz;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import site.paywall.edge.conformance.TestSite;
import site.paywall.edge.conformance.TokenFactory;
import site.paywall.edge.conformance.fuzz.CaseGenerator.TokenSpec;
import site.paywall.edge.conformance.fuzz.Signer.SigningKey;
import site.paywall.edge.jvm.JvmPlatform;

/**
 * Cases for sign-in at the edge: protected navigations with every kind of session (none, expired, forged, bearer,
 * not a member), and requests to the flow's own paths with every method, parameter, cookie and header the flow
 * reads — states that match an attempt cookie or not, attempt cookies well-formed, stale, broken or piled up, return
 * paths that try to leave the site, refresh cookies, same-origin and cross-site POSTs, odd Host headers — each with
 * a recorded Cognito answer per attempt: good tokens, tokens that must be refused, OAuth errors, 5xx, garbage,
 * timeouts and network errors.
 */
final class SignInCases {

    private static final String PREFIX = "/_auth/";
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final List<String> STATES = List.of("Ks7PZxq3L0mB9vTq1cWn2A", "Zm9vYmFyYmF6cXV4MTIzNA",
            "AAAAAAAAAAAAAAAAAAAAAA");
    private static final List<String> RETURNS = List.of("/premium/report.pdf", "/account/profile.html?tab=2", "/",
            "//evil.example", "/\\evil.example", "https://evil.example/", "%2F%2Fevil.example", "/%2F%2Fevil.example",
            "/premium/../x", "/_auth/signout", "/x\r\nSet-Cookie: a=b", "/" + "a".repeat(1100), "",
            "javascript:alert(1)", "/%E2%80%AE", "/caf%C3%A9.html", "/?a=%ZZ");
    private static final String REFRESH_TOKEN =
            "eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ.cmVmcmVzaC10b2tlbi1vcGFxdWU";

    private final CaseGenerator generator;

    SignInCases(CaseGenerator generator) {
        this.generator = generator;
    }

    void generate(Draft d) {
        d.category = "signin";
        int p = d.nextInt(100);
        if (p < 25) {
            protectedNavigation(d);
        } else if (p < 50) {
            coherentStep(d);
        } else {
            endpoint(d);
        }
        int answers = d.pick(0, 1, 1, 1, 2, 2, 3);
        for (int i = 0; i < answers; i++) {
            answer(d);
        }
        d.mutation(answers + " recorded Cognito answer(s)");
    }

    private void protectedNavigation(Draft d) {
        generator.startEvent(d, d.pick(CaseGenerator.PROTECTED_PATHS) + (d.chance(20) ? "?page=2" : ""));
        moveQuery(d);
        browserHeaders(d, d.chance(80) ? "navigate" : d.pick("cors", "no-cors", "none"));
        int p = d.nextInt(100);
        if (p < 30) {
            d.mutation("no session");
        } else if (p < 55) {
            TokenSpec spec = generator.spec(d, true, d.nowSeconds - d.pick(3700, 7200, 86_400));
            String token = generator.token(d, spec);
            d.secret(token);
            generator.cookie(d, spec.id() ? "id_token" : "access_token", token);
            d.mutation("expired session cookie (" + spec.label() + ")");
        } else if (p < 80) {
            TokenSpec spec = generator.spec(d, true);
            generator.place(d, generator.token(d, spec));
            d.mutation("session (" + spec.label() + ")");
        } else {
            TokenSpec spec = new TokenSpec(true, "user-1", List.of(TestSite.PAYING_GROUP), SigningKey.OUTSIDER,
                    d.nowSeconds - 60, -60);
            String token = generator.token(d, spec);
            d.secret(token);
            generator.cookie(d, "id_token", token);
            d.mutation("forged session cookie");
        }
        hostVariant(d);
    }

    private void endpoint(Draft d) {
        String name = d.pick("callback", "callback", "callback", "refresh", "refresh", "signin", "signout", "signout",
                "me", "", "nope", "callback/x", "Callback");
        String uri = d.chance(5) ? "/%5Fauth/" + name : PREFIX + name;
        generator.startEvent(d, uri);
        String method = d.pick("GET", "GET", "GET", "POST", "POST", "HEAD", "PUT", "OPTIONS", "");
        if (method.isEmpty()) {
            d.request().remove("method");
        } else {
            d.request().put("method", method);
        }
        d.mutation(method + " " + uri);
        d.request().put("querystring", query(d));
        browserHeaders(d, d.pick("navigate", "navigate", "cors", "none"));
        if (method.equals("POST")) {
            d.header("Origin", d.pick("https://d111111abcdef8.cloudfront.net", "https://evil.example", "null"));
            if (d.chance(50)) {
                d.request().withObject("headers").remove("sec-fetch-site");
                d.header("Sec-Fetch-Site", d.pick("same-origin", "same-site", "cross-site", "none"));
            }
        }
        List<String> cookies = new ArrayList<>();
        int attempts = d.pick(0, 1, 1, 1, 2, 3, 9);
        for (int i = 0; i < attempts; i++) {
            cookies.add(attemptCookie(d));
        }
        if (d.chance(45)) {
            cookies.add("refresh_token=" + d.pick(REFRESH_TOKEN, REFRESH_TOKEN, "", "bad\"value", REFRESH_TOKEN + "x"));
            d.secret(REFRESH_TOKEN);
            if (d.chance(10)) {
                cookies.add("refresh_token=other-" + REFRESH_TOKEN);
            }
        }
        if (d.chance(30)) {
            TokenSpec spec = generator.spec(d, d.chance(70));
            String token = generator.token(d, spec);
            d.secret(token);
            cookies.add("id_token=" + token);
        }
        if (!cookies.isEmpty()) {
            java.util.Collections.shuffle(cookies, new java.util.Random(d.nextInt(1000)));
            d.header("Cookie", String.join(d.pick("; ", ";", " ; "), cookies));
        }
        hostVariant(d);
    }

    /**
     * A step as a real browser makes it — a callback with its own fresh attempt cookie and a code, a refresh with
     * its refresh cookie, a same-origin sign-out — so that the recorded answers, not a malformed request, decide.
     */
    private void coherentStep(Draft d) {
        String state = STATES.get(0);
        String back = d.pick(RETURNS.subList(0, 3));
        String attempt = "auth_attempt_" + state + "=" + (d.nowSeconds - d.pick(0, 30, 300)) + "." + VERIFIER + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(back.getBytes(StandardCharsets.UTF_8));
        switch (d.nextInt(4)) {
            case 0, 1 -> {
                generator.startEvent(d, PREFIX + "callback");
                d.request().put("querystring", "code=a1b2c3d4-e5f6-4711-8899-aabbccddeeff&state=" + state);
                browserHeaders(d, "navigate");
                d.header("Cookie", d.chance(30) ? attempt + "; " + attemptCookie(d) : attempt);
                d.mutation("callback of this browser's attempt");
            }
            case 2 -> {
                generator.startEvent(d, PREFIX + "refresh");
                boolean post = d.chance(40);
                d.request().put("method", post ? "POST" : "GET");
                d.request().put("querystring", post ? "" : "return=" + java.net.URLEncoder.encode(back,
                        StandardCharsets.UTF_8));
                browserHeaders(d, post ? "cors" : "navigate");
                d.request().withObject("headers").remove("sec-fetch-site");
                d.header("Sec-Fetch-Site", "same-origin");
                d.header("Cookie", "refresh_token=" + REFRESH_TOKEN);
                d.secret(REFRESH_TOKEN);
                d.mutation((post ? "POST" : "GET") + " refresh with the refresh cookie");
            }
            default -> {
                generator.startEvent(d, PREFIX + "signout");
                d.request().put("method", "POST");
                d.header("Origin", "https://d111111abcdef8.cloudfront.net");
                d.header("Cookie", "refresh_token=" + REFRESH_TOKEN);
                d.secret(REFRESH_TOKEN);
                d.mutation("same-origin sign-out");
            }
        }
        hostVariant(d);
    }

    private String query(Draft d) {
        List<String> params = new ArrayList<>();
        if (d.chance(70)) {
            String code = d.pick("a1b2c3d4-e5f6-4711-8899-aabbccddeeff", "", "code with space", "x".repeat(600),
                    "%ZZ", "c%C3%A9");
            params.add("code=" + code);
            if (d.chance(10)) {
                params.add("code=second");
            }
        }
        if (d.chance(75)) {
            params.add("state=" + d.pick(STATES.get(0), STATES.get(1), STATES.get(2), "short", "",
                    "Ks7PZxq3L0mB9vTq1cWn2B"));
            if (d.chance(8)) {
                params.add("state=" + STATES.get(1));
            }
        }
        if (d.chance(15)) {
            params.add("error=" + d.pick("access_denied", "server_error", "x%3Cscript%3E", ""));
            params.add("error_description=" + d.pick("User+cancelled", "%E2%80%AE"));
        }
        if (d.chance(40)) {
            String back = d.pick(RETURNS);
            params.add("return=" + (d.chance(70) ? java.net.URLEncoder.encode(back, StandardCharsets.UTF_8) : back));
        }
        if (d.chance(5)) {
            params.add("%");
        }
        java.util.Collections.shuffle(params, new java.util.Random(d.nextInt(1000)));
        return String.join("&", params);
    }

    private String attemptCookie(Draft d) {
        String state = d.chance(85) ? d.pick(STATES) : "x" + d.nextInt(50);
        long startedAt = d.nowSeconds - d.pick(0, 30, 599, 601, 86_400);
        String back = d.pick(RETURNS);
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(back.getBytes(StandardCharsets.UTF_8));
        String value = d.pick(startedAt + "." + VERIFIER + "." + encoded, startedAt + "." + VERIFIER + "." + encoded,
                startedAt + "." + VERIFIER.substring(1) + "." + encoded, "garbage", startedAt + ".." + encoded,
                "-1." + VERIFIER + "." + encoded);
        return "auth_attempt_" + state + "=" + value;
    }

    /** Fetch metadata as a browser sends it for this kind of request, sometimes none at all. */
    private void browserHeaders(Draft d, String mode) {
        if (d.chance(10)) {
            return;
        }
        d.header("Sec-Fetch-Mode", mode);
        d.header("Sec-Fetch-Dest", mode.equals("navigate") ? d.pick("document", "document", "iframe") : "empty");
        d.header("Sec-Fetch-Site", d.pick("none", "same-origin", "cross-site"));
        if (mode.equals("navigate") && d.chance(70)) {
            d.header("Sec-Fetch-User", "?1");
        }
    }

    private void hostVariant(Draft d) {
        int p = d.nextInt(100);
        if (p < 80) {
            return;
        }
        ObjectNode headers = d.request().withObject("headers");
        headers.remove("host");
        if (p < 85) {
            d.mutation("no Host header");
        } else if (p < 90) {
            d.header("Host", "localhost:8080");
            d.mutation("Host localhost:8080");
        } else if (p < 95) {
            d.header("Host", d.pick("evil.example/x", "a..b", "-x.example", "[::1]:8080", "d111.cloudfront.net:99999"));
            d.mutation("odd Host");
        } else {
            d.header("Host", "d111111abcdef8.cloudfront.net");
            d.header("Host", "evil.example");
            d.mutation("two Host headers");
        }
    }

    /** A protected navigation's query belongs in the querystring, not the uri. */
    private void moveQuery(Draft d) {
        String uri = d.request().get("uri").asText();
        int question = uri.indexOf('?');
        if (question >= 0) {
            d.request().put("uri", uri.substring(0, question)).put("querystring", uri.substring(question + 1));
        }
    }

    private void answer(Draft d) {
        int p = d.nextInt(100);
        ObjectNode answer = JvmPlatform.STRICT_JSON.createObjectNode();
        if (p < 35) {
            answer.put("status", 200);
            ObjectNode body = answer.putObject("body");
            TokenSpec id = generator.spec(d, d.chance(85));
            TokenSpec access = new TokenSpec(false, d.chance(90) ? id.sub() : "user-other", id.groups(), id.key(),
                    id.issuedAt(), id.offset());
            ObjectNode idClaims = generator.claims(new TokenSpec(true, id.sub(), id.groups(), id.key(), id.issuedAt(),
                    id.offset()));
            if (d.chance(10)) {
                idClaims.put("aud", TestSite.OTHER_CLIENT_ID);
                d.mutation("ID token of another client");
            }
            String idToken = generator.signer().signText(generator.headerText(id.key()), TokenFactory.json(idClaims),
                    d.chance(90) ? id.key() : SigningKey.OUTSIDER, d.ledger);
            String accessToken = generator.token(d, access);
            body.put("id_token", idToken).put("access_token", accessToken).put("expires_in", 3600)
                    .put("token_type", "Bearer");
            if (d.chance(60)) {
                body.put("refresh_token", d.pick(REFRESH_TOKEN, REFRESH_TOKEN, "bad value;"));
            }
            d.secret(idToken);
            d.secret(accessToken);
            d.secret(REFRESH_TOKEN);
            d.mutation("answer 200 with tokens (" + id.label() + ")");
        } else if (p < 50) {
            answer.put("status", 400);
            answer.putObject("body").put("error", d.pick("invalid_grant", "invalid_request", "unauthorized_client",
                    "weird error!"));
            d.mutation("answer 400 " + answer.path("body").path("error").asText());
        } else if (p < 62) {
            answer.put("status", d.pick(500, 502, 503, 429, 404, 301));
            answer.put("body", d.pick("", "<html>error</html>", "{}"));
            d.mutation("answer " + answer.get("status").asInt());
        } else if (p < 72) {
            answer.put("status", 200);
            answer.put("body", d.pick("", "not json", "[]", "{\"id_token\": 5}", "{\"access_token\": \"x\"}",
                    "{\"id_token\": \"a.b.c\", \"access_token\": \"a.b.c\", \"refresh_token\": 7}"));
            d.mutation("answer 200 without usable tokens");
        } else if (p < 87) {
            answer.put("timeout", true);
            d.mutation("timeout");
        } else {
            answer.put("networkError", true);
            d.mutation("network error");
        }
        d.answers.add(answer);
    }
}
