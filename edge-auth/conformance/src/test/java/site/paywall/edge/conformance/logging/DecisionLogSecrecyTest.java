package site.paywall.edge.conformance.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import site.paywall.edge.conformance.TestKeys;
import site.paywall.edge.conformance.TestSite;
import site.paywall.edge.conformance.TokenFactory;
import site.paywall.edge.conformance.ViewerRequestEvents;
import site.paywall.edge.jvm.JvmPlatform;
import site.paywall.edge.jvm.engine.BundleEngine;
import site.paywall.edge.jvm.engine.Engine;
import site.paywall.edge.jvm.engine.EngineResult;
import site.paywall.edge.jvm.engine.JvmEngine;
import site.paywall.edge.jvm.tools.BundleWriter;

/**
 * The decision log says what was decided and why, and never what the viewer presented: no token, no piece of a
 * token (payload or signature segment), no cookie value — on either engine, for every kind of decision.
 */
class DecisionLogSecrecyTest {

    private static final long NOW = TestSite.FIXTURE_NOW_SECONDS;

    @TempDir
    static Path bundleDir;

    private static TestSite site;
    private static TokenFactory tokens;
    private static List<Engine> engines;

    @BeforeAll
    static void start() throws IOException {
        site = new TestSite(TestKeys.generate());
        tokens = new TokenFactory(site.keys());
        BundleWriter.writeDirectory(bundleDir, site.config());
        engines = List.of(JvmEngine.reference(site.config()), BundleEngine.start(bundleDir));
    }

    @AfterAll
    static void stop() {
        engines.forEach(Engine::close);
    }

    private record Case(ObjectNode event, List<String> secrets) { }

    private static String sign(ObjectNode claims) {
        return tokens.sign(TokenFactory.header(TestKeys.PRIMARY_KID), claims, site.keys().primary());
    }

    /** Every secret a request carries: the token, its payload and signature segments, other cookie values. */
    private static List<String> secretsOf(String token, String... cookieValues) {
        List<String> secrets = new ArrayList<>(List.of(token));
        String[] parts = token.split("\\.");
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].length() >= 16) {
                secrets.add(parts[i]);
            }
        }
        secrets.addAll(List.of(cookieValues));
        return secrets;
    }

    private static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        String paying = sign(TokenFactory.idClaims(site, "alice", NOW, TestSite.PAYING_GROUP));
        String plain = sign(TokenFactory.accessClaims(site, "bob", NOW));
        String expired = sign(TokenFactory.idClaims(site, "carol", NOW - 7200));
        String wrongIssuer = sign(TokenFactory.idClaims(site, "dave", NOW).put("iss", "https://evil.example"));
        String forged = paying.substring(0, paying.lastIndexOf('.') + 1)
                + TokenFactory.signature(paying.substring(0, paying.lastIndexOf('.')), site.keys().outsider());
        String tampered = paying.substring(0, paying.indexOf('.') + 1)
                + TokenFactory.base64Url("{\"sub\":\"alice\",\"cognito:groups\":[\"staff\"]}")
                + paying.substring(paying.lastIndexOf('.'));
        String session = "s3ss10n-cookie-value-that-is-secret";
        String[][] uses = {
            {"/premium/report.pdf", paying}, {"/premium/report.pdf", plain}, {"/account/", plain},
            {"/premium/report.pdf", expired}, {"/premium/report.pdf", wrongIssuer}, {"/premium/report.pdf", forged},
            {"/premium/report.pdf", tampered}, {"/index.html", paying}, {"/nowhere/x", paying},
            {"/premium/%2e%2e/x", paying}, {"/premium/report.pdf", "not.a-jwt.at-all-but-a-secret-value"},
        };
        for (String[] use : uses) {
            ObjectNode header = ViewerRequestEvents.get(use[0]);
            ViewerRequestEvents.header(header, "Authorization", "Bearer " + use[1]);
            cases.add(new Case(header, secretsOf(use[1])));
            ObjectNode cookie = ViewerRequestEvents.get(use[0]);
            ViewerRequestEvents.header(cookie, "Cookie", "session=" + session + "; id_token=" + use[1]);
            cases.add(new Case(cookie, secretsOf(use[1], session)));
        }
        ObjectNode conflicting = ViewerRequestEvents.get("/premium/report.pdf");
        ViewerRequestEvents.header(conflicting, "Cookie", "id_token=" + paying + "; id_token=" + plain);
        cases.add(new Case(conflicting, secretsOf(paying, plain)));
        ObjectNode twoHeaders = ViewerRequestEvents.get("/premium/report.pdf");
        ViewerRequestEvents.header(twoHeaders, "Authorization", "Bearer " + paying);
        ViewerRequestEvents.header(twoHeaders, "Authorization", "Bearer " + plain);
        cases.add(new Case(twoHeaders, secretsOf(paying, plain)));
        return cases;
    }

    @Test
    void noTokenCookieValueOrSignatureEverReachesTheLog() {
        int lines = 0;
        for (Engine engine : engines) {
            for (Case c : cases()) {
                EngineResult result = engine.handle(c.event(), OptionalLong.of(NOW * 1000));
                assertEquals(1, result.log().size(), engine.name() + ": one line per decision " + result.log());
                for (String line : result.log()) {
                    lines++;
                    for (String secret : c.secrets()) {
                        assertFalse(line.contains(secret), engine.name() + " logged a secret: " + line);
                    }
                    JsonNode parsed = JvmPlatform.parse(line).orElseThrow();
                    assertTrue(parsed.has("requestId") && parsed.has("path") && parsed.has("decision")
                            && parsed.has("reason"), line);
                }
            }
        }
        assertEquals(2 * cases().size(), lines);
    }

    @Test
    void aVerifiedDecisionNamesTheSubjectAndTheTokensSourceOnly() {
        String paying = sign(TokenFactory.idClaims(site, "alice", NOW, TestSite.PAYING_GROUP));
        for (Engine engine : engines) {
            ObjectNode event = ViewerRequestEvents.get("/premium/report.pdf");
            ViewerRequestEvents.header(event, "Cookie", "id_token=" + paying);
            JsonNode line = JvmPlatform.parse(engine.handle(event, OptionalLong.of(NOW * 1000)).log().get(0))
                    .orElseThrow();
            assertEquals("forward", line.get("decision").asText(), engine.name());
            assertEquals("alice", line.get("sub").asText(), engine.name());
            assertEquals("id_token", line.get("tokenFrom").asText(), engine.name());
            assertEquals("/premium/*", line.get("rule").asText(), engine.name());
        }
    }

    @Test
    void theLogLevelIsHonoured(@TempDir Path dir) throws IOException {
        ObjectNode denialsOnly = site.config().put("decisionLog", "denials");
        BundleWriter.writeDirectory(dir, denialsOnly);
        try (Engine jvm = JvmEngine.reference(denialsOnly); Engine bundle = BundleEngine.start(dir)) {
            for (Engine engine : List.of(jvm, bundle)) {
                assertEquals(List.of(), engine.handle(ViewerRequestEvents.get("/index.html"),
                        OptionalLong.of(NOW * 1000)).log(), engine.name() + ": forwards are not logged");
                assertEquals(1, engine.handle(ViewerRequestEvents.get("/premium/x.pdf"),
                        OptionalLong.of(NOW * 1000)).log().size(), engine.name() + ": denials are");
            }
        }
    }
}
