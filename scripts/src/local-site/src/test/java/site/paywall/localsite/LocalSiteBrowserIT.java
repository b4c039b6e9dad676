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
import java.time.Duration;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real browser through the whole local site: headless Chromium -> gateway (CloudFront stand-in) -> the real
 * Lambda@Edge bundle -> moto S3, with tokens issued by cognito-local. Each step asserts what the page shows and
 * what the response or the cookies carry.
 *
 * <p>The sign-in steps go through the edge's own flow: the hosted UI's form (cognito-local behind the stand-in, on
 * 127.0.0.1 — cross-site to the site on localhost, as in production), the callback, refresh after expiry (the app
 * client's tokens last one minute here), sign-out. A few steps that are about the edge's rules rather than the flow
 * hold a session made from cognito-local's API tokens ({@link CognitoTokens}).
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
                String name = engine() + "-" + context.getRequiredTestMethod().getName();
                Files.write(ARTIFACTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
                Files.writeString(ARTIFACTS.resolve(name + ".html"),
                        driver.getCurrentUrl() + "\n" + driver.getPageSource());
            } catch (IOException | RuntimeException ignored) {
                // evidence is a courtesy; the failure itself is already reported
            }
        }
    };

    /** Who decides each request: the TeaVM bundle here; {@link LocalSiteBrowserJvmIT} runs every step on the JVM. */
    String engine() {
        return "bundle";
    }

    @BeforeAll
    void startSiteAndBrowser() throws IOException {
        site = LocalSite.start(REPO, DATA_DIR, 1, engine());
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
    @DisplayName("the gateway decides with the engine the site was started with")
    void gatewayRunsTheChosenEngine() throws Exception {
        assertEquals(engine(), site.state().path("engine").asText());
        // The log is appended across starts: the last start's line is this run's.
        List<String> starts = Files.readAllLines(DATA_DIR.resolve("logs/gateway.log")).stream()
                .filter(line -> line.startsWith("gateway: listening")).toList();
        assertTrue(!starts.isEmpty() && starts.get(starts.size() - 1).contains("(engine: " + engine() + ";"),
                "gateway.log: " + starts);
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
        // Origin answers (200, and 403 for a missing key) and an edge answer (401 to a script's request) alike.
        Map<String, Integer> expected = Map.of("/", 200, "/assets/site.css", 200, "/premium/index.html", 401,
                "/no-such-page", 403);
        for (var entry : expected.entrySet()) {
            String path = entry.getKey();
            HttpResponse<byte[]> answer = SiteHttp.get(site.siteUrl() + path, "Accept", "text/html",
                    "Sec-Fetch-Mode", "no-cors", "Sec-Fetch-Dest", "empty");
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
                const outcome = (url) => fetch(url).then((r) => 'status ' + r.status, (e) => 'refused: ' + e.name);
                Promise.all([outcome('/robots.txt'), outcome(arguments[0] + '/login')]).then(([same, other]) =>
                    setTimeout(() => done({violations, same, other}), 500));
                """, site.hostedUiUrl());
        @SuppressWarnings("unchecked")
        List<String> violations = (List<String>) seen.get("violations");
        assertTrue(violations.contains("img-src data"), "img-src 'self' refuses a data: image: " + violations);
        assertEquals("status 200", seen.get("same"), "connect-src 'self' lets a page script fetch its own origin");
        assertEquals("refused: TypeError", seen.get("other"), "connect-src 'self' refuses every other origin");
        assertTrue(violations.contains("connect-src " + site.hostedUiUrl() + "/login"),
                "the refusal is the CSP's: " + violations);
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
        // A browser fetch (Sec-Fetch-Mode: cors, Sec-Fetch-Dest: empty) under the site's own CSP (connect-src 'self')
        // gets the edge's JSON answer, never a redirect into the hosted UI.
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
    }

    @Test
    @DisplayName("the bundle receives CloudFront-shaped events from Chromium: header lists, Sec-Fetch-*, the cookie,"
            + " raw query")
    void bundleReceivesCloudFrontShapedEvents() throws Exception {
        CognitoTokens.Tokens tokens = CognitoTokens.signIn(site, site.payingUser());
        holdSession(tokens.idToken());
        long from = Files.size(site.eventLog());
        open("/premium/index.html?utm_source=a%20b");
        assertEquals("Premium reports", h1());
        Object status = driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/robots.txt').then((r) => done(r.status), (e) => done(String(e)));
                """);
        assertEquals(200L, status);
        JsonNode navigation = awaitEvent(from, "/premium/index.html");
        JsonNode script = awaitEvent(from, "/robots.txt");
        // Every event the gateway built so far in this run has the shape of AWS's own Java model of it.
        for (String line : Files.readAllLines(site.eventLog())) {
            if (!line.isBlank()) {
                OfficialEventShape.assertMatches(JSON.readTree(line));
            }
        }

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

    // ---------------------------------------------------------------- sign-in at the edge

    private HostedUiForm hostedUi() {
        return new HostedUiForm(driver, site.hostedUiUrl());
    }

    private void awaitUrl(String url) {
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions.urlToBe(url));
    }

    /** Opens a protected page, signs in at the hosted UI and waits to be back on that page. */
    private void signInThrough(String path, LocalSite.DemoUser user) {
        open(path);
        hostedUi().awaitShown().signIn(user.email(), user.password());
        awaitUrl(site.siteUrl() + path);
    }

    /** A cookie's attributes as the browser holds them, for the page currently open. */
    private void assertSessionCookie(String name, String path) {
        Cookie cookie = driver.manage().getCookieNamed(name);
        assertTrue(cookie != null, name + " is set; cookies: " + driver.manage().getCookies());
        assertTrue(cookie.isHttpOnly() && cookie.isSecure() && "Lax".equals(cookie.getSameSite())
                && path.equals(cookie.getPath()),
                name + ": HttpOnly, Secure, SameSite=Lax, Path=" + path + ": " + cookie);
    }

    @Test
    @DisplayName("an anonymous visit to /premium/ goes to the hosted sign-in form; the paying user signs in and reads"
            + " it")
    void anonymousVisitorSignsInAndReadsThePremiumPage() {
        open("/premium/");
        HostedUiForm form = hostedUi().awaitShown();
        assertTrue(driver.getCurrentUrl().contains("code_challenge_method=S256"), "PKCE: " + driver.getCurrentUrl());
        form.signIn(site.payingUser().email(), site.payingUser().password());
        awaitUrl(site.siteUrl() + "/premium/");
        assertEquals("Premium reports", h1(), "/premium/ typed with its trailing slash shows the folder's index");
        assertEquals("Regional logistics, third quarter", driver.findElement(By.id("report-2026-q3")).getText());
        assertSessionCookie("id_token", "/");
        assertSessionCookie("access_token", "/");
        assertTrue(driver.manage().getCookies().stream().noneMatch(c -> c.getName().startsWith("auth_attempt_")),
                "the attempt cookie is cleared: " + driver.manage().getCookies());
        open("/_auth/me");
        assertSessionCookie("refresh_token", "/_auth/");
    }

    @Test
    @DisplayName("/_auth/me tells the page who is signed in, with the paying group, never a token")
    void whoAmIShowsThePayingGroup() throws Exception {
        signInThrough("/premium/index.html", site.payingUser());
        open("/_auth/me");
        JsonNode me = JSON.readTree(driver.findElement(By.tagName("body")).getText());
        assertEquals(site.payingUser().email(), me.path("email").asText(), me.toString());
        assertEquals("[\"paying-customers\"]", me.path("groups").toString());
        assertTrue(me.path("expiresAt").asLong() > System.currentTimeMillis() / 1000, me.toString());
        assertFalse(me.toString().contains("eyJ"), "no token in the answer: " + me);
    }

    @Test
    @DisplayName("the account page's own script asks /_auth/me and names the signed-in user and the membership")
    void accountPageNamesTheUser() {
        signInThrough("/account/index.html", site.payingUser());
        WebElement who = driver.findElement(By.id("who"));
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> !"loading".equals(who.getAttribute("data-state")));
        assertEquals("paying", who.getAttribute("data-state"), who.getText());
        assertTrue(who.getText().contains(site.payingUser().email()), who.getText());
    }

    @Test
    @DisplayName("a signed-in user who is not paying gets the 403 page after signing in")
    void nonPayingUserSignsInAndGetsThe403Page() {
        open("/premium/index.html");
        hostedUi().awaitShown().signIn(site.readerUser().email(), site.readerUser().password());
        awaitUrl(site.siteUrl() + "/premium/index.html");
        assertEquals("This page is for paying customers", h1());
        assertFalse(driver.getPageSource().contains("Regional logistics"));
    }

    @Test
    @DisplayName("two tabs signing in at the same time both complete, each back on its own page")
    void twoTabsSigningInAtTheSameTimeBothComplete() {
        String first = driver.getWindowHandle();
        open("/premium/index.html");
        HostedUiForm firstForm = hostedUi().awaitShown();
        driver.switchTo().newWindow(WindowType.TAB);
        String second = driver.getWindowHandle();
        open("/account/index.html");
        hostedUi().awaitShown().signIn(site.payingUser().email(), site.payingUser().password());
        awaitUrl(site.siteUrl() + "/account/index.html");
        assertEquals("Your account", h1());
        driver.switchTo().window(first);
        firstForm.signIn(site.payingUser().email(), site.payingUser().password());
        awaitUrl(site.siteUrl() + "/premium/index.html");
        assertEquals("Premium reports", h1(), "the first tab's attempt survived the second's sign-in");
        driver.switchTo().window(second).close();
        driver.switchTo().window(first);
    }

    @Test
    @DisplayName("a session whose tokens expired is refreshed on the next page without the user noticing")
    void anExpiredSessionIsRefreshedWithoutNotice() throws Exception {
        signInThrough("/premium/index.html", site.payingUser());
        String before = driver.manage().getCookieNamed("id_token").getValue();
        long issued = JSON.readTree(java.util.Base64.getUrlDecoder().decode(before.split("\\.")[1])).path("exp")
                .asLong();
        long from = Files.size(site.eventLog());
        // The app client's tokens last one minute, and the local config allows no clock skew: wait past exp.
        long waitMillis = issued * 1000 - System.currentTimeMillis() + 2_000;
        if (waitMillis > 0) {
            Thread.sleep(waitMillis);
        }
        open("/premium/index.html");
        awaitUrl(site.siteUrl() + "/premium/index.html");
        assertEquals("Premium reports", h1());
        assertFalse(hostedUi().isShown());
        String after = driver.manage().getCookieNamed("id_token").getValue();
        assertFalse(before.equals(after), "a new ID token was set");
        awaitEvent(from, "/_auth/refresh");
    }

    @Test
    @DisplayName("sign-out clears every cookie, ends the hosted UI's session, and /premium/ asks for sign-in again")
    void signOutClearsEveryCookieAndAsksForSignInAgain() {
        signInThrough("/premium/index.html", site.payingUser());
        open("/_auth/signout");
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        awaitUrl(site.siteUrl() + "/");
        assertEquals(null, driver.manage().getCookieNamed("id_token"));
        assertEquals(null, driver.manage().getCookieNamed("access_token"));
        open("/_auth/me");
        assertEquals(null, driver.manage().getCookieNamed("refresh_token"));
        open("/premium/index.html");
        hostedUi().awaitShown();
    }

    @Test
    @DisplayName("the admin tool grants the non-paying user; the 403 page's refresh link lets them read the premium"
            + " page")
    void anAdminGrantTakesEffectAtTheNextRefresh() throws Exception {
        LocalSite.DemoUser reader = site.readerUser();
        signInThrough("/premium/index.html", reader);
        assertEquals("This page is for paying customers", h1());
        try {
            assertEquals(0, payingCustomers("grant", reader.email()), "paying-customers grant");
            driver.findElement(By.linkText("Check my membership again")).click();
            awaitUrl(site.siteUrl() + "/premium/index.html");
            assertEquals("Premium reports", h1(), "the refreshed token carries the group");
        } finally {
            payingCustomers("revoke", reader.email());
        }
    }

    /** Runs scripts/paying-customers against the local site's cognito-local; its exit code. */
    private int payingCustomers(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(REPO.resolve("scripts/paying-customers").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--user-pool-id", site.userPoolId(), "--endpoint-url", site.cognitoEndpoint(),
                "--audit-log", DATA_DIR.resolveSibling("browser-test-audit.log").toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        DATA_DIR.resolveSibling("paying-customers.log").toFile()));
        builder.environment().put("AWS_ACCESS_KEY_ID", "local");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "local");
        Process process = builder.start();
        if (!process.waitFor(180, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("scripts/paying-customers " + String.join(" ", args) + " took over 180 s");
        }
        return process.exitValue();
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
