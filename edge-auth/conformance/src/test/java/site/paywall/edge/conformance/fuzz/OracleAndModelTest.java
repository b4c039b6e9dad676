package site.paywall.edge.conformance.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import site.paywall.edge.conformance.TestKeys;
import site.paywall.edge.conformance.TestSite;
import site.paywall.edge.conformance.TokenFactory;
import site.paywall.edge.conformance.ViewerRequestEvents;
import site.paywall.edge.conformance.fuzz.Signer.SigningKey;
import site.paywall.edge.jvm.JvmPlatform;
import site.paywall.edge.jvm.engine.EngineResult;

/**
 * The fuzz oracle must be able to fail: the contract model predicts the decisions the contract names (including
 * the ones both engines once got wrong together), the oracle flags each kind of problem on a hand-made result, and
 * a case is reproducible from (seed, index) alone.
 */
class OracleAndModelTest {

    private static final long NOW = TestSite.FIXTURE_NOW_SECONDS * 1000;
    private static TestSite site;
    private static Signer signer;
    private static ContractModel model;

    @BeforeAll
    static void keys() {
        site = new TestSite(TestKeys.generate());
        signer = new Signer(new TokenFactory(site.keys()));
        model = new ContractModel(site.config());
    }

    private static String token(Signer.Ledger ledger, ObjectNode claims) {
        return signer.signText(TokenFactory.json(TokenFactory.header(TestKeys.PRIMARY_KID)), TokenFactory.json(claims),
                SigningKey.PRIMARY, ledger);
    }

    private static Set<String> expect(ObjectNode event, long now, Signer.Ledger ledger) {
        return model.expect(event, now, ledger).outcomes();
    }

    @Test
    void modelFollowsTheContractOnTheMainPaths() {
        Signer.Ledger ledger = new Signer.Ledger();
        String paying = token(ledger, TokenFactory.idClaims(site, "u", NOW / 1000, TestSite.PAYING_GROUP));
        String other = token(ledger, TokenFactory.accessClaims(site, "u", NOW / 1000, "other"));
        assertEquals(Set.of("forward"), expect(bearer("/premium/a.pdf", paying), NOW, ledger));
        assertEquals(Set.of("403"), expect(bearer("/premium/a.pdf", other), NOW, ledger));
        assertEquals(Set.of("forward"), expect(bearer("/account/x", other), NOW, ledger));
        assertEquals(Set.of("401"), expect(ViewerRequestEvents.get("/premium/a.pdf"), NOW, ledger));
        assertEquals(Set.of("forward"), expect(ViewerRequestEvents.get("/index.html"), NOW, ledger));
        assertEquals(Set.of("403"), expect(ViewerRequestEvents.get("/api/x"), NOW, ledger));
        assertEquals(Set.of("400"), expect(ViewerRequestEvents.get("/premium%2Fa.pdf"), NOW, ledger));
        assertEquals(Set.of("400"), expect(ViewerRequestEvents.get("/assets/%2e%2e/premium/a.pdf"), NOW, ledger));
        assertEquals(Set.of("forward"), expect(bearer("/%70remium/a.pdf", paying), NOW, ledger),
                "an encoded letter names the same object");
        // The token signed for another ledger (never seen by this case) cannot verify.
        assertEquals(Set.of("401"), expect(bearer("/premium/a.pdf", paying), NOW, new Signer.Ledger()));
    }

    @Test
    void modelKnowsTheValidityWindowToTheMillisecond() {
        Signer.Ledger ledger = new Signer.Ledger();
        ObjectNode claims = TokenFactory.idClaims(site, "u", NOW / 1000, TestSite.PAYING_GROUP);
        long exp = claims.get("exp").asLong();
        String token = token(ledger, claims);
        long expiry = exp * 1000 + TestSite.CLOCK_SKEW_SECONDS * 1000L;
        assertEquals(Set.of("forward"), expect(bearer("/premium/a", token), expiry - 1, ledger));
        assertEquals(Set.of("401"), expect(bearer("/premium/a", token), expiry, ledger));
    }

    @Test
    void aSignatureSpelledWithNonZeroUnusedBitsIsNotTheSignedToken() {
        Signer.Ledger ledger = new Signer.Ledger();
        String token = token(ledger, TokenFactory.idClaims(site, "u", NOW / 1000, TestSite.PAYING_GROUP));
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char last = token.charAt(token.length() - 1);
        String respelled = token.substring(0, token.length() - 1) + alphabet.charAt(alphabet.indexOf(last) ^ 1);
        assertEquals(Set.of("401"), expect(bearer("/premium/a", respelled), NOW, ledger));
    }

    @Test
    void aMalformedCookieHeaderIsAMalformedEventEvenWhenABearerTokenDecides() {
        Signer.Ledger ledger = new Signer.Ledger();
        String token = token(ledger, TokenFactory.idClaims(site, "u", NOW / 1000, TestSite.PAYING_GROUP));
        ObjectNode event = bearer("/premium/a", token);
        ((ObjectNode) ViewerRequestEvents.request(event).get("headers")).put("cookie", "id_token=x");
        assertEquals(Set.of("500"), expect(event, NOW, ledger));
    }

    @Test
    void oracleFlagsEachKindOfProblem() {
        Signer.Ledger ledger = new Signer.Ledger();
        String token = token(ledger, TokenFactory.idClaims(site, "u", NOW / 1000, TestSite.PAYING_GROUP));
        ObjectNode event = bearer("/premium/a.pdf", token);
        FuzzCase fuzzCase = new FuzzCase(1, 2, "test", List.of(), event, NOW, ledger, List.of(token));
        Expected expected = model.expect(event, NOW, ledger);
        JsonNode forwarded = ViewerRequestEvents.request(event.deepCopy());
        ((ObjectNode) forwarded.get("headers")).remove("authorization");
        String log = "{\"decision\":\"forward\"}";
        EngineRun good = EngineRun.ok("jvm", new EngineResult(forwarded, List.of(log)));
        assertEquals(List.of(), Oracle.check(fuzzCase, expected, List.of(good, good), site.config()));

        JsonNode other = forwarded.deepCopy();
        ((ObjectNode) other).put("uri", "/premium/b.pdf");
        assertProblem("disagreement", fuzzCase, expected, good, EngineRun.ok("bundle", new EngineResult(other,
                List.of(log))));
        assertProblem("escape", fuzzCase, expected, good, EngineRun.escaped("bundle", "EngineFailure: died"));
        assertProblem("escape", fuzzCase, expected, good, EngineRun.ok("bundle", new EngineResult(forwarded,
                List.of("{\"reason\":\"internal error: NullPointerException\"}"))));
        assertProblem("leak", fuzzCase, expected, good, EngineRun.ok("bundle", new EngineResult(forwarded,
                List.of("{\"reason\":\"" + token.substring(token.lastIndexOf('.') + 1) + "\"}"))));
        JsonNode leaky = ViewerRequestEvents.request(event.deepCopy());
        assertProblem("invariant", fuzzCase, expected, EngineRun.ok("jvm", new EngineResult(leaky, List.of())),
                EngineRun.ok("bundle", new EngineResult(leaky, List.of())));

        ObjectNode noToken = ViewerRequestEvents.get("/premium/a.pdf");
        FuzzCase open = new FuzzCase(1, 3, "test", List.of(), noToken, NOW, ledger, List.of());
        JsonNode passed = ViewerRequestEvents.request(noToken.deepCopy());
        EngineRun forwardedAnyway = EngineRun.ok("jvm", new EngineResult(passed, List.of()));
        assertProblem("contract", open, model.expect(noToken, NOW, ledger), forwardedAnyway, forwardedAnyway);

        ObjectNode deny = JvmPlatform.STRICT_JSON.createObjectNode().put("status", 401).put("body", "")
                .set("headers", JvmPlatform.STRICT_JSON.createObjectNode());
        EngineRun badDeny = EngineRun.ok("jvm", new EngineResult(deny, List.of()));
        List<String> problems = Oracle.check(open, model.expect(noToken, NOW, ledger), List.of(badDeny, badDeny),
                site.config());
        assertTrue(problems.stream().anyMatch(p -> p.contains("string statuses")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("no-store")), problems.toString());
    }

    @Test
    void withSignInTheModelNeverAllowsAForwardUnderThePrefixAndTheOracleKeepsLocationsHome() {
        ObjectNode config = site.signInConfig();
        ContractModel signInModel = new ContractModel(config);
        Signer.Ledger ledger = new Signer.Ledger();
        ObjectNode callback = ViewerRequestEvents.get("/_auth/callback");
        Expected underPrefix = signInModel.expect(callback, NOW, ledger);
        assertTrue(!underPrefix.allows("forward") && underPrefix.allows("302") && underPrefix.allows("502"),
                underPrefix.toString());

        ObjectNode navigation = ViewerRequestEvents.get("/premium/a.pdf");
        ViewerRequestEvents.header(navigation, "Sec-Fetch-Mode", "navigate");
        ViewerRequestEvents.header(navigation, "Sec-Fetch-Dest", "document");
        assertEquals(Set.of("302"), signInModel.expect(navigation, NOW, ledger).outcomes());
        ObjectNode script = ViewerRequestEvents.get("/premium/a.pdf");
        ViewerRequestEvents.header(script, "Sec-Fetch-Mode", "cors");
        ViewerRequestEvents.header(script, "Sec-Fetch-Dest", "empty");
        assertEquals(Set.of("401"), signInModel.expect(script, NOW, ledger).outcomes());

        FuzzCase fuzzCase = new FuzzCase(1, 4, "test", List.of(), navigation, NOW, ledger, List.of());
        ObjectNode redirect = JvmPlatform.STRICT_JSON.createObjectNode().put("status", "302")
                .put("statusDescription", "Found");
        ObjectNode headers = redirect.putObject("headers");
        headers.putArray("cache-control").addObject().put("key", "Cache-Control").put("value", "no-store");
        headers.putArray("location").addObject().put("key", "Location").put("value", "https://evil.example/");
        EngineRun away = EngineRun.ok("jvm", new EngineResult(redirect, List.of()));
        List<String> problems = Oracle.check(fuzzCase, signInModel.expect(navigation, NOW, ledger),
                List.of(away, away), config);
        assertTrue(problems.stream().anyMatch(p -> p.contains("Location leaves the site")), problems.toString());

        JsonNode call = JvmPlatform.STRICT_JSON.createObjectNode()
                .put("url", TestSite.SIGN_IN_DOMAIN + "/oauth2/token");
        ObjectNode home = redirect.deepCopy();
        ((ObjectNode) home.get("headers").get("location").get(0)).put("value", "/premium/a.pdf");
        assertProblem("disagreement", fuzzCase, signInModel.expect(navigation, NOW, ledger),
                EngineRun.ok("jvm", new EngineResult(home, List.of(), List.of(call))),
                EngineRun.ok("bundle", new EngineResult(home, List.of(), List.of())), config);
    }

    private static void assertProblem(String kind, FuzzCase fuzzCase, Expected expected, EngineRun a, EngineRun b,
                                      JsonNode config) {
        List<String> problems = Oracle.check(fuzzCase, expected, List.of(a, b), config);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(kind + ":")), kind + " expected in " + problems);
    }

    private static void assertProblem(String kind, FuzzCase fuzzCase, Expected expected, EngineRun a, EngineRun b) {
        List<String> problems = Oracle.check(fuzzCase, expected, List.of(a, b), site.config());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(kind + ":")), kind + " expected in " + problems);
    }

    @Test
    void aCaseDependsOnlyOnItsSeedAndIndex() {
        CaseGenerator first = new CaseGenerator(site, signer, 99);
        CaseGenerator second = new CaseGenerator(site, signer, 99);
        for (int index = 0; index < 300; index++) {
            FuzzCase a = first.generate(index);
            if (index % 7 == 0) {
                FuzzCase b = second.generate(index);
                assertEquals(a.event(), b.event(), "case " + index);
                assertEquals(a.nowMillis(), b.nowMillis());
                assertEquals(a.mutations(), b.mutations());
            }
        }
        assertNotEquals(new CaseGenerator(site, signer, 1).generate(5).event(),
                new CaseGenerator(site, signer, 2).generate(5).event());
    }

    private static ObjectNode bearer(String uri, String token) {
        return ViewerRequestEvents.header(ViewerRequestEvents.get(uri), "Authorization", "Bearer " + token);
    }
}
