package site.paywall.edge.conformance.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import site.paywall.edge.conformance.TestKeys;
import site.paywall.edge.conformance.TestSite;
import site.paywall.edge.conformance.TokenFactory;
import site.paywall.edge.conformance.ViewerRequestEvents;
import site.paywall.edge.core.signin.AttemptCookie;
import site.paywall.edge.core.signin.ReturnPath;
import site.paywall.edge.jvm.JvmPlatform;
import site.paywall.edge.jvm.engine.CognitoScript;
import site.paywall.edge.jvm.engine.EngineResult;
import site.paywall.edge.jvm.engine.JvmEngine;

/**
 * What a signed-in browser sends, at realistic Cognito sizes, measured against CloudFront's limit of 20,480 bytes
 * for the request line and headers: an ID and an access token carrying 20 groups, Cognito's 44-character kids, UUID
 * user names, a 1.8 KB refresh token, a real browser's other headers — and, at the callback, the most attempt
 * cookies the flow keeps, each with the longest way back it keeps. The cookies are the ones the edge itself sets.
 */
class SessionCookieSizeTest {

    /** CloudFront refuses (494) a request whose request line and headers exceed this. */
    private static final int CLOUDFRONT_REQUEST_LIMIT = 20_480;
    private static final long NOW = TestSite.FIXTURE_NOW_SECONDS;
    private static final String KID = "ZNtfl7bCSu6uX9zDRq0nXg3Mc3vW8pVt2yAqLw1hJkE=";
    private static final String USER = "8d1e3c2a-5b7f-4e21-9a3c-2f6b8e4d1c07";
    private static final List<String> GROUPS = List.of("paying-customers", "newsletter-subscribers",
            "beta-testers-2026", "conference-attendees", "annual-plan", "team-acme-corp", "region-eu-west",
            "support-priority", "early-adopters", "webinar-series-q3", "forum-moderators", "print-edition",
            "student-discount", "gift-recipients", "referral-program", "api-sandbox", "partner-resellers",
            "archive-readers", "podcast-supporters", "weekly-digest");
    /** The other headers of a Chrome navigation (User-Agent client hints included), as CloudFront counts them. */
    private static final Map<String, String> BROWSER_HEADERS = new LinkedHashMap<>();

    static {
        BROWSER_HEADERS.put("Host", "d111111abcdef8.cloudfront.net");
        BROWSER_HEADERS.put("Connection", "keep-alive");
        BROWSER_HEADERS.put("sec-ch-ua",
                "\"Chromium\";v=\"131\", \"Not_A Brand\";v=\"24\", \"Google Chrome\";v=\"131\"");
        BROWSER_HEADERS.put("sec-ch-ua-mobile", "?0");
        BROWSER_HEADERS.put("sec-ch-ua-platform", "\"macOS\"");
        BROWSER_HEADERS.put("Upgrade-Insecure-Requests", "1");
        BROWSER_HEADERS.put("User-Agent", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML,"
                + " like Gecko) Chrome/131.0.0.0 Safari/537.36");
        BROWSER_HEADERS.put("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,"
                + "image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7");
        BROWSER_HEADERS.put("Sec-Fetch-Site", "same-origin");
        BROWSER_HEADERS.put("Sec-Fetch-Mode", "navigate");
        BROWSER_HEADERS.put("Sec-Fetch-User", "?1");
        BROWSER_HEADERS.put("Sec-Fetch-Dest", "document");
        BROWSER_HEADERS.put("Referer", "https://d111111abcdef8.cloudfront.net/premium/index.html");
        BROWSER_HEADERS.put("Accept-Encoding", "gzip, deflate, br, zstd");
        BROWSER_HEADERS.put("Accept-Language", "en-GB,en-US;q=0.9,en;q=0.8,de;q=0.7");
    }

    private static ObjectNode config;
    private static String idToken;
    private static String accessToken;
    private static String refreshToken;

    @BeforeAll
    static void realisticTokens() {
        TestSite site = new TestSite(TestKeys.generate());
        config = site.config();
        ((ObjectNode) config.get("jwks").get("keys").get(0)).put("kid", KID);
        config.putObject("signIn").put("domain", "https://paywall-test.auth.us-east-1.amazoncognito.com")
                .put("clientId", TestSite.CLIENT_ID);
        TokenFactory tokens = new TokenFactory(site.keys());
        String[] groups = GROUPS.toArray(String[]::new);
        ObjectNode id = TokenFactory.idClaims(site, USER, NOW, groups).put("cognito:username", USER)
                .put("email", "firstname.lastname@example-company.com")
                .put("origin_jti", "3f2a9c1e-7b4d-4e8a-b6c5-9d0e1f2a3b4c")
                .put("event_id", "5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d")
                .put("jti", "1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e");
        ObjectNode access = TokenFactory.accessClaims(site, USER, NOW, groups).put("username", USER)
                .put("origin_jti", "3f2a9c1e-7b4d-4e8a-b6c5-9d0e1f2a3b4c")
                .put("event_id", "5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d")
                .put("jti", "7c8d9e0f-1a2b-4c3d-9e4f-5a6b7c8d9e0f");
        idToken = tokens.sign(TokenFactory.header(KID), id, site.keys().primary());
        accessToken = tokens.sign(TokenFactory.header(KID), access, site.keys().primary());
        // Cognito's refresh token: an encrypted JWE, about 1,780 characters in five segments.
        refreshToken = randomBase64Url(140) + "." + randomBase64Url(256) + "." + randomBase64Url(12) + "."
                + randomBase64Url(960) + "." + randomBase64Url(16);
    }

    @Test
    void aSignedInBrowserStaysFarUnderCloudFrontsRequestLimit() {
        List<String> setCookies = signIn("/premium/index.html", List.of());
        assertEquals(3, setCookies.stream().filter(c -> !c.startsWith("auth_attempt_")).count(), "id, access, refresh");

        int page = requestSize("/premium/annual-report-2026.pdf", cookiesFor("/premium/", setCookies, List.of(
                "_ga=GA1.1.1234567890.1795000000", "theme=dark")));
        int refresh = requestSize("/_auth/refresh?return=%2Fpremium%2Fannual-report-2026.pdf",
                cookiesFor("/_auth/refresh", setCookies, List.of("_ga=GA1.1.1234567890.1795000000", "theme=dark")));
        System.out.printf("session cookies: ID token %d chars (20 groups), access token %d, refresh token %d;"
                + " a page request %d bytes, a refresh request %d bytes (limit %d)%n", idToken.length(),
                accessToken.length(), refreshToken.length(), page, refresh, CLOUDFRONT_REQUEST_LIMIT);
        assertTrue(page < CLOUDFRONT_REQUEST_LIMIT / 3, page + " bytes for an ordinary page request");
        assertTrue(refresh < CLOUDFRONT_REQUEST_LIMIT / 2, refresh + " bytes for a refresh request");
    }

    @Test
    void theFullestCallbackStillFitsAndItsAnswerFitsLambdaAtEdgesLimit() {
        // The most other tabs the callback keeps, and this one, every way back at the longest kept.
        String longest = "/premium/" + "a".repeat(ReturnPath.MAX_LENGTH - "/premium/".length());
        List<String> attempts = new ArrayList<>();
        for (int i = 0; i <= AttemptCookie.MAX_PENDING; i++) {
            String state = String.format("%021dA", i);
            attempts.add("auth_attempt_" + state + "=" + NOW + ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk."
                    + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(longest.getBytes()));
        }
        List<String> session = signIn("/premium/index.html", List.of());
        List<String> sent = new ArrayList<>(cookiesFor("/_auth/callback", session, List.of("_ga=GA1.1.1234567890.1"
                + "795000000")));
        sent.addAll(attempts);
        int callback = requestSize("/_auth/callback?code=a1b2c3d4-e5f6-4711-8899-aabbccddeeff&state="
                + String.format("%021dA", 0), sent);
        System.out.printf("the fullest callback request (%d attempts of %d-character ways back): %d bytes (limit %d)%n",
                attempts.size(), longest.length(), callback, CLOUDFRONT_REQUEST_LIMIT);
        assertTrue(callback < CLOUDFRONT_REQUEST_LIMIT * 0.85, callback + " bytes: less than 15% of headroom");
    }

    /** Runs the callback of a sign-in on the edge's own core and returns the Set-Cookie values it answers. */
    private static List<String> signIn(String back, List<String> otherCookies) {
        String state = "Ks7PZxq3L0mB9vTq1cWn2A";
        ObjectNode event = ViewerRequestEvents.get("/_auth/callback");
        ViewerRequestEvents.request(event).put("querystring", "code=c0de&state=" + state);
        List<String> cookies = new ArrayList<>(otherCookies);
        cookies.add("auth_attempt_" + state + "=" + NOW + ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk."
                + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(back.getBytes()));
        ViewerRequestEvents.header(event, "Cookie", String.join("; ", cookies));
        ObjectNode answer = JvmPlatform.STRICT_JSON.createObjectNode().put("status", 200);
        answer.putObject("body").put("id_token", idToken).put("access_token", accessToken)
                .put("refresh_token", refreshToken).put("expires_in", 3600).put("token_type", "Bearer");
        try (JvmEngine engine = JvmEngine.core(config)) {
            EngineResult result = engine.handle(event, OptionalLong.of(NOW * 1000), CognitoScript.pinned(
                    List.of(answer), "size"));
            JsonNode response = result.result();
            assertEquals("302", response.path("status").asText(), response.toString());
            int size = response.toString().getBytes(StandardCharsets.UTF_8).length;
            assertTrue(size < 40 * 1024, "the callback's answer is " + size + " bytes; Lambda@Edge allows 40 KB");
            List<String> values = new ArrayList<>();
            for (JsonNode cookie : (ArrayNode) response.path("headers").path("set-cookie")) {
                values.add(cookie.path("value").asText());
            }
            return values;
        }
    }

    /** The name=value pairs a browser sends to {@code path}: set cookies whose Path covers it, and the others. */
    private static List<String> cookiesFor(String path, List<String> setCookies, List<String> others) {
        List<String> sent = new ArrayList<>(others);
        for (String cookie : setCookies) {
            String pair = cookie.substring(0, cookie.indexOf(';'));
            String cookiePath = cookie.replaceAll(".*; Path=([^;]*);.*", "$1");
            boolean expired = cookie.contains("Max-Age=0");
            if (!expired && (cookiePath.equals("/") || path.equals(cookiePath) || path.startsWith(cookiePath)
                    || path.startsWith(cookiePath.endsWith("/") ? cookiePath : cookiePath + "/"))) {
                sent.add(pair);
            }
        }
        return sent;
    }

    /** Request line and headers as HTTP/1.1 puts them on the wire, which is what CloudFront's limit counts. */
    private static int requestSize(String pathAndQuery, List<String> cookies) {
        StringBuilder request = new StringBuilder("GET " + pathAndQuery + " HTTP/1.1\r\n");
        BROWSER_HEADERS.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        request.append("Cookie: ").append(String.join("; ", cookies)).append("\r\n\r\n");
        return request.toString().getBytes(StandardCharsets.UTF_8).length;
    }

    private static String randomBase64Url(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
