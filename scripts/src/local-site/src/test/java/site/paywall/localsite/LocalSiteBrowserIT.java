package site.paywall.localsite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A real browser through the whole local site: headless Chromium -> gateway (CloudFront stand-in) -> the real
 * Lambda@Edge bundle -> moto S3, with tokens issued by cognito-local. Each step asserts what the page shows and
 * what the response or the cookies carry.
 *
 * <p>Until the edge signs users in (issue 7), a session is an {@code id_token} cookie set through Selenium with
 * a token from cognito-local's API ({@link CognitoTokens}), with the attributes the sign-in flow will use. The sign-in
 * steps of issue 8 (hosted form, second tab, refresh after expiry, sign-out, admin grant) are further methods of
 * this class: {@link #site}, {@link #driver}, {@link HostedUiForm} and {@link #open(String)} are their helpers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalSiteBrowserIT {
    private static final Path REPO = Path.of(System.getProperty("repo.root", "../../..")).toAbsolutePath().normalize();
    private static final Path DATA_DIR = Path.of(System.getProperty("local-site.data-dir", "target/browser-test-site"))
            .toAbsolutePath();
    private static final Path ARTIFACTS = DATA_DIR.resolveSibling("browser-test-artifacts");
    private static final ObjectMapper JSON = new ObjectMapper();

    LocalSite site;
    Browser browser;
    ChromeDriver driver;

    @RegisterExtension
    final TestWatcher keepEvidence = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (driver == null) {
                return;
            }
            try {
                Files.createDirectories(ARTIFACTS);
                String name = context.getRequiredTestMethod().getName();
                Files.write(ARTIFACTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
                Files.writeString(ARTIFACTS.resolve(name + ".html"),
                        driver.getCurrentUrl() + "\n" + driver.getPageSource());
            } catch (IOException | RuntimeException ignored) {
                // evidence is a courtesy; the failure itself is already reported
            }
        }
    };

    @BeforeAll
    void startSiteAndBrowser() throws IOException {
        site = LocalSite.start(REPO, DATA_DIR);
        browser = Browser.start(ARTIFACTS);
        driver = browser.driver();
    }

    @AfterAll
    void stopEverything() throws IOException {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (site != null) {
                site.close();
                assertNoProcessLeft();
            }
        }
    }

    @BeforeEach
    void signedOut() {
        open("/robots.txt");
        driver.manage().deleteAllCookies();
    }

    void open(String path) {
        driver.get(site.siteUrl() + path);
    }

    /** The browser's session as the sign-in flow will set it: HttpOnly, Secure, SameSite=Lax, Path=/. */
    void holdSession(String idToken) {
        open("/robots.txt");
        driver.manage().addCookie(new Cookie.Builder("id_token", idToken)
                .path("/").isHttpOnly(true).isSecure(true).sameSite("Lax").build());
        Cookie held = driver.manage().getCookieNamed("id_token");
        assertTrue(held != null && held.isHttpOnly() && held.isSecure() && "Lax".equals(held.getSameSite())
                && "/".equals(held.getPath()), "the browser holds the id_token cookie with its attributes: " + held);
    }

    String h1() {
        return driver.findElement(By.tagName("h1")).getText();
    }

    @Test
    @DisplayName("the public landing page renders, with its stylesheet and logo from the origin")
    void publicLandingPageRenders() throws Exception {
        open("/");
        assertEquals("Field Notes: independent market research", driver.getTitle());
        assertEquals("Independent market research, written for people who decide", h1());
        assertTrue(driver.findElement(By.tagName("main")).getText().contains("What paying customers get"));
        // site.css sets main { max-width: 46rem }: the stylesheet passed the edge and the CSP (style-src 'self').
        assertEquals("736px", driver.findElement(By.tagName("main")).getCssValue("max-width"));
        Object logoWidth = driver.executeScript("return document.querySelector('.brand img').naturalWidth;");
        assertTrue(((Number) logoWidth).intValue() > 0, "the logo (img-src 'self') loaded: naturalWidth " + logoWidth);

        HttpResponse<byte[]> page = SiteHttp.get(site.siteUrl() + "/");
        assertEquals(200, page.statusCode());
        assertEquals("text/html; charset=utf-8", page.headers().firstValue("content-type").orElse(""));
        assertEquals(Files.readString(REPO.resolve("static-site/index.html")),
                new String(page.body(), StandardCharsets.UTF_8),
                "/ is the default root object, index.html, as uploaded");
    }

    @Test
    @DisplayName("the CSP of the template's response headers policy is on every answer and the browser enforces it")
    void templateCspIsEnforced() throws Exception {
        String csp = SiteHttp.templateContentSecurityPolicy(REPO.resolve("cloudformation/templates/site.yaml"));
        assertTrue(csp.startsWith("default-src 'none'"), "read the template's CSP: " + csp);
        // Origin answers (200, and 403 for a missing key) and an edge answer (401) alike.
        Map<String, Integer> expected = Map.of("/", 200, "/assets/site.css", 200, "/premium/index.html", 401,
                "/no-such-page", 403);
        for (var entry : expected.entrySet()) {
            String path = entry.getKey();
            HttpResponse<byte[]> answer = SiteHttp.get(site.siteUrl() + path, "Accept", "text/html");
            assertEquals(entry.getValue(), answer.statusCode(), path);
            assertEquals(List.of(csp), answer.headers().allValues("content-security-policy"),
                    path + " carries the CSP");
            assertEquals(List.of("DENY"), answer.headers().allValues("x-frame-options"), path);
            assertEquals(List.of("nosniff"), answer.headers().allValues("x-content-type-options"), path);
        }

        open("/");
        @SuppressWarnings("unchecked")
        Map<String, Object> seen = (Map<String, Object>) driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const violations = [];
                document.addEventListener('securitypolicyviolation',
                    (e) => violations.push(e.effectiveDirective + ' ' + e.blockedURI));
                const img = new Image();
                img.src = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';
                document.body.appendChild(img);
                let fetched = 'pending';
                fetch('/robots.txt').then((r) => { fetched = 'status ' + r.status; }, \
                (e) => { fetched = 'refused: ' + e.name; });
                setTimeout(() => done({violations, fetched}), 1500);
                """);
        @SuppressWarnings("unchecked")
        List<String> violations = (List<String>) seen.get("violations");
        assertTrue(violations.contains("img-src data"), "img-src 'self' refuses a data: image: " + violations);
        assertTrue(violations.contains("connect-src " + site.siteUrl() + "/robots.txt"),
                "default-src 'none' leaves page scripts no connect-src, even same-origin: " + violations);
        assertEquals("refused: TypeError", seen.get("fetched"));
    }

    @Test
    @DisplayName("a paying user's ID token as the id_token cookie reads the premium page and its download")
    void payingUserReadsPremiumPage() throws Exception {
        CognitoTokens.Tokens tokens = CognitoTokens.signIn(site, site.payingUser());
        holdSession(tokens.idToken());
        open("/premium/index.html");
        assertEquals("Premium reports | Field Notes", driver.getTitle());
        assertEquals("Premium reports", h1());
        assertTrue(driver.findElement(By.tagName("main")).getText()
                .contains("your account is in the paying-customers group"));
        assertEquals("Regional logistics, third quarter", driver.findElement(By.id("report-2026-q3")).getText());

        HttpResponse<byte[]> download = SiteHttp.get(site.siteUrl() + "/premium/downloads/sample-report.pdf",
                "Cookie", "id_token=" + tokens.idToken());
        assertEquals(200, download.statusCode());
        assertEquals("application/pdf", download.headers().firstValue("content-type").orElse(""));
        assertTrue(new String(download.body(), 0, 5, StandardCharsets.US_ASCII).startsWith("%PDF-"));
        HttpResponse<byte[]> withoutCookie = SiteHttp.get(site.siteUrl() + "/premium/downloads/sample-report.pdf");
        assertEquals(401, withoutCookie.statusCode(), "the same download without the cookie is refused");
    }

    @Test
    @DisplayName("a signed-in user who is not paying gets the 403 page")
    void nonPayingUserGets403Page() throws Exception {
        CognitoTokens.Tokens tokens = CognitoTokens.signIn(site, site.readerUser());
        holdSession(tokens.idToken());
        open("/premium/index.html");
        assertEquals("Paying customers only | Field Notes", driver.getTitle());
        assertEquals("This page is for paying customers", h1());
        assertFalse(driver.getPageSource().contains("Regional logistics"), "no premium content on the 403 page");

        HttpResponse<byte[]> answer = SiteHttp.get(site.siteUrl() + "/premium/index.html",
                "Cookie", "id_token=" + tokens.idToken(), "Accept", "text/html");
        assertEquals(403, answer.statusCode());
        assertEquals("no-store", answer.headers().firstValue("cache-control").orElse(""));
    }

    @Test
    @DisplayName("a fetch() from the page to a protected path without a session gets 401 JSON, not a redirect")
    void scriptFetchWithoutSessionGets401Json() {
        // The site's CSP (default-src 'none') lets no page script connect anywhere (templateCspIsEnforced shows it),
        // so this tab bypasses CSP to play a page script that may: what is asserted is the edge's answer to a
        // browser fetch (Sec-Fetch-Mode: cors, Sec-Fetch-Dest: empty), never a redirect into the hosted UI.
        driver.executeCdpCommand("Page.setBypassCSP", Map.of("enabled", true));
        try {
            open("/");
            @SuppressWarnings("unchecked")
            Map<String, Object> answer = (Map<String, Object>) driver.executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    fetch('/premium/index.html').then(async (r) => done({status: r.status, redirected: r.redirected,
                        url: r.url, type: r.headers.get('content-type'), body: await r.text()}),
                        (e) => done({error: String(e)}));
                    """);
            assertEquals(401L, answer.get("status"), "answer: " + answer);
            assertEquals(false, answer.get("redirected"));
            assertEquals(site.siteUrl() + "/premium/index.html", answer.get("url"));
            assertEquals("application/json", answer.get("type"));
            assertTrue(String.valueOf(answer.get("body")).contains("\"error\":\"unauthorized\""), "body: " + answer);
        } finally {
            driver.executeCdpCommand("Page.setBypassCSP", Map.of("enabled", false));
        }
    }

    @Test
    @DisplayName("the bundle receives CloudFront-shaped events from Chromium: header lists, Sec-Fetch-*, the cookie,"
            + " raw query")
    void bundleReceivesCloudFrontShapedEvents() throws Exception {
        CognitoTokens.Tokens tokens = CognitoTokens.signIn(site, site.payingUser());
        holdSession(tokens.idToken());
        long from = Files.size(site.eventLog());
        driver.executeCdpCommand("Page.setBypassCSP", Map.of("enabled", true));
        try {
            open("/premium/index.html?utm_source=a%20b");
            assertEquals("Premium reports", h1());
            Object status = driver.executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    fetch('/robots.txt').then((r) => done(r.status), (e) => done(String(e)));
                    """);
            assertEquals(200L, status);
        } finally {
            driver.executeCdpCommand("Page.setBypassCSP", Map.of("enabled", false));
        }
        JsonNode navigation = awaitEvent(from, "/premium/index.html");
        JsonNode script = awaitEvent(from, "/robots.txt");

        JsonNode config = navigation.path("Records").path(0).path("cf").path("config");
        assertEquals("viewer-request", config.path("eventType").asText());
        assertFalse(config.path("requestId").asText().isEmpty());
        JsonNode request = navigation.path("Records").path(0).path("cf").path("request");
        assertEquals("127.0.0.1", request.path("clientIp").asText());
        assertEquals("GET", request.path("method").asText());
        assertEquals("utm_source=<redacted 5 bytes>", request.path("querystring").asText(), "raw: a%20b is 5 bytes");
        JsonNode headers = request.path("headers");
        headers.fields().forEachRemaining(h -> {
            assertEquals(h.getKey().toLowerCase(Locale.ROOT), h.getKey(), "lowercase header name");
            assertTrue(h.getValue().isArray() && h.getValue().size() >= 1, h.getKey() + " is a list");
            h.getValue().forEach(e -> assertEquals(h.getKey(), e.path("key").asText().toLowerCase(Locale.ROOT)));
        });
        assertEquals(site.siteUrl().replace("http://", ""), headers.path("host").path(0).path("value").asText());
        assertEquals("navigate", headers.path("sec-fetch-mode").path(0).path("value").asText());
        assertEquals("document", headers.path("sec-fetch-dest").path(0).path("value").asText());
        assertTrue(headers.path("accept").path(0).path("value").asText().contains("text/html"));
        assertEquals("id_token=<redacted " + tokens.idToken().length() + " bytes>",
                headers.path("cookie").path(0).path("value").asText(),
                "the cookie reached the edge (redacted in the log)");
        assertTrue(headers.path("connection").isMissingNode(), "no hop-by-hop header");

        JsonNode scriptHeaders = script.path("Records").path(0).path("cf").path("request").path("headers");
        assertEquals("cors", scriptHeaders.path("sec-fetch-mode").path(0).path("value").asText());
        assertEquals("empty", scriptHeaders.path("sec-fetch-dest").path(0).path("value").asText());
        assertEquals("same-origin", scriptHeaders.path("sec-fetch-site").path(0).path("value").asText());
        assertFalse(Files.readString(site.eventLog()).contains(tokens.idToken()), "no token in the event log");
    }

    /** The first event for URI recorded after byte offset FROM (the gateway writes asynchronously: up to 5 s). */
    private JsonNode awaitEvent(long from, String uri) throws IOException, InterruptedException {
        for (int attempt = 0; attempt < 50; attempt++) {
            byte[] all = Files.readAllBytes(site.eventLog());
            String text = new String(all, (int) from, all.length - (int) from, StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode event = JSON.readTree(line);
                if (uri.equals(event.path("Records").path(0).path("cf").path("request").path("uri").asText())) {
                    return event;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no viewer-request event for " + uri + " in " + site.eventLog());
    }

    private void assertNoProcessLeft() throws IOException {
        Path pids = DATA_DIR.resolve("pids");
        if (Files.isDirectory(pids)) {
            try (var files = Files.list(pids)) {
                assertEquals(List.of(), files.map(p -> p.getFileName().toString()).toList(),
                        "scripts/local-site --stop left pid files (processes?) behind");
            }
        }
        String marker = "LOCAL_SITE_DATA_DIR=" + DATA_DIR;
        try (var procs = Files.list(Path.of("/proc"))) {
            List<String> left = procs.filter(p -> p.getFileName().toString().matches("[0-9]+")).filter(p -> {
                try {
                    return new String(Files.readAllBytes(p.resolve("environ")), StandardCharsets.UTF_8)
                            .contains(marker + "\0");
                } catch (IOException | RuntimeException e) {
                    return false;
                }
            }).map(p -> p.getFileName().toString()).toList();
            assertEquals(List.of(), left, "processes of this local site still running after --stop");
        }
    }
}
