package site.paywall.edge.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import site.paywall.edge.core.Json;
import site.paywall.edge.core.testing.TestConfigs;
import site.paywall.edge.core.testing.TestJson;
import site.paywall.edge.core.testing.TestPlatform;

/**
 * The config edge-bundle bakes: every setting written out, read back at the edge without validation into the very
 * configuration ConfigParser made, and refused — each problem naming its key — when it is anything else.
 */
class BundledConfigTest {

    private final TestPlatform platform = new TestPlatform(0);

    private static EdgeConfig valid(TestJson source) {
        return assertInstanceOf(ConfigResult.Valid.class, ConfigParser.parse(source)).config();
    }

    private TestJson baked(TestJson source) {
        return (TestJson) BundledConfig.toJson(valid(source), platform);
    }

    /** The fields of a config, JWKs compared by their text (Json values have no equality of their own). */
    private static String describe(EdgeConfig config) {
        StringBuilder keys = new StringBuilder();
        for (SigningKey key : config.signingKeys()) {
            keys.append(key.kid()).append('=').append(key.jwk()).append(';');
        }
        return config.region() + "|" + config.userPoolId() + "|" + config.issuer() + "|" + config.clientIds() + "|"
                + config.tokenUses() + "|" + config.clockSkewSeconds() + "|" + keys + "|" + config.rules() + "|"
                + config.tokenCookies() + "|" + config.errorPageHtml() + "|" + config.tokenCacheSize() + "|"
                + config.decisionLog() + "|" + config.decisionLogDenialsPerSecond() + "|"
                + config.signIn() + "|" + config.folderIndex();
    }

    private static TestJson everySetting() {
        TestJson source = TestConfigs.valid();
        source.set("jwks", TestConfigs.jwks(TestConfigs.rsaJwk("k1", 2048),
                TestJson.object().set("kty", "EC").set("kid", "skipped-ec-key")));
        source.put("decisionLog", "off");
        source.put("tokenCacheSize", 7);
        source.put("decisionLogDenialsPerSecond", 20);
        source.put("folderIndex", false);
        source.set("errorPageHtml", TestJson.object().set("403", "<p>no</p>").set("401", "<p>sign in</p>"));
        source.set("signIn", TestJson.object().set("domain", "https://x.auth.us-east-1.amazoncognito.com")
                .set("clientId", "client-1"));
        return source;
    }

    @Test
    void theBakedFormReadsBackAsTheSameConfigAtTheEdgeAndInConfigParser() {
        for (TestJson source : List.of(TestConfigs.valid(), everySetting())) {
            EdgeConfig config = valid(source);
            TestJson baked = (TestJson) BundledConfig.toJson(config, platform);
            EdgeConfig atTheEdge = assertInstanceOf(ConfigResult.Valid.class, BundledConfig.read(baked)).config();
            assertEquals(describe(config), describe(atTheEdge));
            assertEquals(describe(config), describe(valid(baked)), "the baked form is a source config too");
        }
    }

    @Test
    void everyDefaultIsWrittenOutAndOnlyUsableKeysAreKept() {
        TestJson baked = baked(everySetting());
        assertEquals("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123",
                baked.get("issuer").orElseThrow().stringValue());
        assertEquals(60.0, baked.get("clockSkewSeconds").orElseThrow().numberValue());
        assertEquals(1, baked.member("jwks").member("keys").length(), baked.toString());
        assertEquals("/_auth/", baked.member("signIn").member("pathPrefix").stringValue());
        assertEquals("access_token", baked.member("signIn").member("accessTokenCookie").stringValue());
        assertEquals(Json.Kind.BOOLEAN, baked.member("folderIndex").kind());
        assertEquals("{\"401\":\"<p>sign in</p>\",\"403\":\"<p>no</p>\"}", baked.member("errorPageHtml").toString(),
                "pages in status order, for reproducible zips");
    }

    private List<String> problemsAfter(Consumer<TestJson> change) {
        TestJson baked = baked(everySetting());
        change.accept(baked);
        return assertInstanceOf(ConfigResult.Invalid.class, BundledConfig.read(baked)).problems();
    }

    private void assertProblem(String expected, Consumer<TestJson> change) {
        List<String> problems = problemsAfter(change);
        assertTrue(problems.stream().anyMatch(p -> p.contains(expected)),
                "expected a problem containing '" + expected + "', got " + problems);
    }

    @Test
    void aSourceConfigThatDidNotGoThroughEdgeBundleIsRefused() {
        List<String> problems = assertInstanceOf(ConfigResult.Invalid.class,
                BundledConfig.read(TestConfigs.valid())).problems();
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("$bundleFormat: missing"), problems.toString());
        assertProblem("$bundleFormat: missing or not 2", c -> c.put("$bundleFormat", 1));
    }

    @Test
    void theCheapChecksStillFailClosedNamingTheKey() {
        assertProblem("clockSkewSeconds: must be a whole number from 0 to 300", c -> c.put("clockSkewSeconds", 3600));
        assertProblem("tokenCacheSize: must be a whole number", c -> c.put("tokenCacheSize", -1));
        assertProblem("issuer: missing", c -> c.remove("issuer"));
        assertProblem("clientIds: must be a non-empty array of strings", c -> c.putArray("clientIds"));
        assertProblem("tokenUse: unknown value", c -> c.set("tokenUse", TestJson.array("id", "refresh")));
        assertProblem("decisionLog: must be", c -> c.put("decisionLog", "verbose"));
        assertProblem("decisionLogDenialsPerSecond: must be a whole number from 1 to 1000000",
                c -> c.put("decisionLogDenialsPerSecond", 0));
        assertProblem("decisionLogDenialsPerSecond: missing", c -> c.remove("decisionLogDenialsPerSecond"));
        assertProblem("jwks.keys: must be a non-empty array", c -> c.set("jwks", TestConfigs.jwks()));
        assertProblem("jwks.keys[0].n: missing", c -> c.member("jwks").member("keys").element(0).remove("n"));
        assertProblem("rules[0].path: must start with", c -> c.member("rules").element(0).put("path", "premium/*"));
        assertProblem("rules[1].allow: must be \"public\"", c -> c.member("rules").element(1).put("allow", "everyone"));
        assertProblem("rules[0].allow: must be a non-empty array", c -> c.member("rules").element(0).putArray("allow"));
        assertProblem("errorPageHtml.418: no page for this status", c -> c.member("errorPageHtml").put("418", "x"));
        assertProblem("signIn.refreshCookieMaxAgeSeconds: must be", c -> c.member("signIn")
                .put("refreshCookieMaxAgeSeconds", 60));
        assertProblem("signIn.domain: must be an http(s) URL", c -> c.member("signIn").put("domain", "ftp://x"));
        assertProblem("signIn.colour: unknown key", c -> c.member("signIn").put("colour", "blue"));
        assertProblem("folderIndex: must be a file name or false", c -> c.put("folderIndex", true));
        assertProblem("jwksUrl: unknown key in a bundled config", c -> c.put("jwksUrl", "https://x"));
    }
}
