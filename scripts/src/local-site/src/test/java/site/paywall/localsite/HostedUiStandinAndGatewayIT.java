package site.paywall.localsite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Over plain HTTP against the running local site: the hosted-UI stand-in's /logout and /oauth2/revoke with the real
 * cognito-local behind them, what it proxies, and what the gateway answers as CloudFront before any function runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostedUiStandinAndGatewayIT {
    private static final Path REPO = Path.of(System.getProperty("repo.root", "../../..")).toAbsolutePath().normalize();
    private static final Path DATA_DIR = Path.of(System.getProperty("local-site.data-dir", "target/browser-test-site"))
            .toAbsolutePath();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();

    LocalSite site;

    @BeforeAll
    void start() {
        site = LocalSite.start(REPO, DATA_DIR);
    }

    @AfterAll
    void stop() throws IOException {
        if (site != null) {
            site.close();
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postForm(String url, String form) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String logoutUrl(String clientId, String logoutUri) {
        return site.hostedUiUrl() + "/logout?client_id=" + enc(clientId) + "&logout_uri=" + enc(logoutUri);
    }

    @Test
    @DisplayName("/logout redirects only to a sign-out URL registered exactly on the client")
    void logoutChecksClientAndLogoutUri() throws Exception {
        HttpResponse<String> ok = get(logoutUrl(site.clientId(), site.siteUrl() + "/"));
        assertEquals(302, ok.statusCode());
        assertEquals(site.siteUrl() + "/", ok.headers().firstValue("location").orElse(""));
        assertEquals("no-store", ok.headers().firstValue("cache-control").orElse(""));

        for (String notRegistered : List.of(site.siteUrl() + "/other", site.siteUrl(), "https://evil.example/",
                site.siteUrl() + "/?next=x")) {
            HttpResponse<String> refused = get(logoutUrl(site.clientId(), notRegistered));
            assertEquals(400, refused.statusCode(), notRegistered);
            assertTrue(refused.body().contains("redirect_mismatch"), refused.body());
            assertTrue(refused.headers().firstValue("location").isEmpty());
        }
        assertEquals(400, get(logoutUrl("nosuchclient", site.siteUrl() + "/")).statusCode());
        assertEquals(400, get(site.hostedUiUrl() + "/logout?logout_uri=" + enc(site.siteUrl() + "/")).statusCode());
    }

    @Test
    @DisplayName("/oauth2/revoke revokes the refresh token through cognito-local's RevokeToken: refresh fails after")
    void revokeEndsRefresh() throws Exception {
        CognitoTokens.Tokens tokens = CognitoTokens.signIn(site, site.payingUser());
        String refresh = "grant_type=refresh_token&client_id=" + enc(site.clientId()) + "&refresh_token="
                + enc(tokens.refreshToken());
        assertEquals(200, postForm(site.hostedUiUrl() + "/oauth2/token", refresh).statusCode(),
                "the token endpoint is proxied to cognito-local");

        HttpResponse<String> revoked = postForm(site.hostedUiUrl() + "/oauth2/revoke",
                "token=" + enc(tokens.refreshToken()) + "&client_id=" + enc(site.clientId()));
        assertEquals(200, revoked.statusCode());
        assertEquals("", revoked.body());

        HttpResponse<String> after = postForm(site.hostedUiUrl() + "/oauth2/token", refresh);
        assertEquals(400, after.statusCode());
        assertTrue(after.body().contains("\"invalid_grant\""), after.body());

        HttpResponse<String> noToken = postForm(site.hostedUiUrl() + "/oauth2/revoke",
                "client_id=" + enc(site.clientId()));
        assertEquals(400, noToken.statusCode());
        assertTrue(noToken.body().contains("\"error\":\"invalid_request\""), noToken.body());
        HttpResponse<String> badClient = postForm(site.hostedUiUrl() + "/oauth2/revoke",
                "token=x&client_id=nosuchclient");
        assertEquals(400, badClient.statusCode());
        assertTrue(badClient.body().contains("\"error\":\"invalid_client\""), badClient.body());
    }

    @Test
    @DisplayName("the hosted sign-in form is cognito-local's, proxied unchanged, for the site's exact callback")
    void authorizeIsProxied() throws Exception {
        String authorize = site.hostedUiUrl() + "/oauth2/authorize?response_type=code&client_id=" + enc(site.clientId())
                + "&redirect_uri=" + enc(site.siteUrl() + "/_auth/callback") + "&scope=" + enc("openid email profile")
                + "&state=abc&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";
        HttpResponse<String> form = get(authorize);
        assertEquals(200, form.statusCode());
        assertTrue(form.body().contains("name=\"username\"") && form.body().contains("name=\"password\""), form.body());
        HttpResponse<String> wrongCallback = get(authorize.replace(enc("/_auth/callback"), enc("/elsewhere")));
        assertEquals(400, wrongCallback.statusCode(), "only the registered callback");
    }

    @Test
    @DisplayName("the gateway refuses methods the behavior does not allow before the function runs, as CloudFront does")
    void gatewayAppliesTheTemplatesBehaviors() throws Exception {
        long linesBefore = Files.readAllLines(site.accessLog()).size();
        HttpResponse<String> post = postForm(site.siteUrl() + "/premium/index.html", "a=b");
        assertEquals(403, post.statusCode());
        assertTrue(post.body().contains("not configured to allow the HTTP request method"), post.body());

        HttpResponse<Void> head = HTTP.send(HttpRequest.newBuilder(URI.create(site.siteUrl() + "/index.html"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertEquals(200, head.statusCode());
        assertEquals(String.valueOf(Files.size(REPO.resolve("static-site/index.html"))),
                head.headers().firstValue("content-length").orElse(""));

        assertEquals(414, get(site.siteUrl() + "/" + "a".repeat(8200)).statusCode(), "URL over 8,192 bytes");
        HttpResponse<String> missing = get(site.siteUrl() + "/no-such-page.html");
        assertEquals(403, missing.statusCode(), "a missing key: S3 behind OAC without ListBucket says AccessDenied");
        assertTrue(missing.body().contains("<Code>AccessDenied</Code>"), missing.body());

        List<String> lines = Files.readAllLines(site.accessLog());
        List<String> ours = lines.subList((int) linesBefore, lines.size());
        assertTrue(ours.get(0).contains(" POST /premium/index.html 403 cloudfront edge_us=0 "), ours.get(0));
    }
}
