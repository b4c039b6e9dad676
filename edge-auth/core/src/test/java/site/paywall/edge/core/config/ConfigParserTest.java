package site.paywall.edge.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import site.paywall.edge.core.testing.TestConfigs;
import site.paywall.edge.core.testing.TestJson;

/** The config contract: defaults, and a problem that names the key for every kind of mistake. */
class ConfigParserTest {

    private static ConfigResult parse(TestJson config) {
        return ConfigParser.parse(config);
    }

    private static List<String> problemsAfter(Consumer<TestJson> change) {
        TestJson config = TestConfigs.valid();
        change.accept(config);
        return assertInstanceOf(ConfigResult.Invalid.class, parse(config)).problems();
    }

    private static void assertProblem(String expected, Consumer<TestJson> change) {
        List<String> problems = problemsAfter(change);
        assertTrue(problems.stream().anyMatch(p -> p.contains(expected)),
                "expected a problem containing '" + expected + "', got " + problems);
    }

    @Test
    void aValidConfigGetsItsDefaults() {
        TestJson config = TestConfigs.valid();
        config.remove("tokenUse");
        config.remove("clockSkewSeconds");
        EdgeConfig parsed = assertInstanceOf(ConfigResult.Valid.class, parse(config)).config();
        assertEquals("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123", parsed.issuer());
        assertEquals(List.of(TokenUse.ID, TokenUse.ACCESS), parsed.tokenUses());
        assertEquals(60, parsed.clockSkewSeconds());
        assertEquals(List.of("id_token", "access_token"), parsed.tokenCookies());
        assertEquals(512, parsed.tokenCacheSize());
        assertEquals(DecisionLogLevel.DENIALS, parsed.decisionLog());
        assertEquals(100, parsed.decisionLogDenialsPerSecond());
        assertEquals(1, parsed.signingKeys().size());
        assertEquals(new Access.MemberOfAny(List.of("paying-customers")), parsed.rules().rules().get(0).allow());
        assertEquals(new Access.SignedIn(), parsed.rules().rules().get(1).allow());
        assertEquals(new Access.Public(), parsed.rules().rules().get(2).allow());
    }

    @Test
    void issuerAndJwksUrlMayOverrideForEmulators() {
        TestJson config = TestConfigs.valid();
        config.put("issuer", "http://localhost:9229/us-east-1_AbCdEf123");
        config.put("jwksUrl", "http://localhost:9229/us-east-1_AbCdEf123/.well-known/jwks.json");
        EdgeConfig parsed = assertInstanceOf(ConfigResult.Valid.class, parse(config)).config();
        assertEquals("http://localhost:9229/us-east-1_AbCdEf123", parsed.issuer());
    }

    @Test
    void anEmulatorPoolOfRegionLocalNeedsItsIssuerOverride() {
        TestJson config = TestConfigs.valid();
        config.put("region", "local");
        config.put("userPoolId", "local_5sXUl6ql");
        assertProblem("region: \"local\" is not an AWS region name such as us-east-1", c -> {
            c.put("region", "local");
            c.put("userPoolId", "local_5sXUl6ql");
        });
        config.put("issuer", "http://localhost:9229/local_5sXUl6ql");
        EdgeConfig parsed = assertInstanceOf(ConfigResult.Valid.class, parse(config)).config();
        assertEquals("http://localhost:9229/local_5sXUl6ql", parsed.issuer());
        assertProblem("region: \"Local Pool\" is not an AWS region name such as us-east-1 (or, with an issuer", c -> {
            c.put("region", "Local Pool");
            c.put("issuer", "http://localhost:9229/x");
        });
    }

    @Test
    void everyMistakeNamesItsKey() {
        assertProblem("rules[1].allow: unknown value \"admins-only\"", c -> c.member("rules").element(1)
                .put("allow", "admins-only"));
        assertProblem("rules[0].allow: not a string or a list", c -> c.member("rules").element(0)
                .putArray("allow"));
        assertProblem("rules[0].allow[0]: a group name must be a non-empty string",
                c -> c.member("rules").element(0).putArray("allow").add(""));
        assertProblem("rules[2].path: \"*x//y\" contains an empty segment",
                c -> c.member("rules").element(2).put("path", "*x//y"));
        assertProblem("rules[2].path: \"premium/*\" must start with",
                c -> c.member("rules").element(2).put("path", "premium/*"));
        assertProblem("rules[0].paht: unknown key", c -> c.member("rules").element(0).put("paht", "/x"));
        assertProblem("rules: must be a non-empty array", c -> c.putArray("rules"));
        assertProblem("rules: missing", c -> c.remove("rules"));
        assertProblem("clientIds: must be a non-empty array of strings", c -> c.putArray("clientIds"));
        assertProblem("clientIds: missing", c -> c.remove("clientIds"));
        assertProblem("clientIds[1]: duplicate", c -> c.member("clientIds").add("client-1"));
        assertProblem("tokenUse: unknown value \"refresh\"", c -> c.member("tokenUse").add("refresh"));
        assertProblem("clockSkewSeconds: must be a whole number from 0 to 300", c -> c.put("clockSkewSeconds", 301));
        assertProblem("clockSkewSeconds: must be a whole number from 0 to 300", c -> c.put("clockSkewSeconds", 1.5));
        assertProblem("clockSkewSeconds: must be a whole number", c -> c.put("clockSkewSeconds", "60"));
        assertProblem("region: missing", c -> c.remove("region"));
        assertProblem("region: \"US East\" is not an AWS region name", c -> c.put("region", "US East"));
        assertProblem("userPoolId: \"eu-west-1_Abc\" is not a user pool id of region us-east-1",
                c -> c.put("userPoolId", "eu-west-1_Abc"));
        assertProblem("issuer: must not end with \"/\"", c -> c.put("issuer", "https://issuer.example/"));
        assertProblem("issuer: must be an http(s) URL", c -> c.put("issuer", "issuer.example"));
        assertProblem("clientId: unknown key", c -> c.put("clientId", "x"));
        assertProblem("tokenCookies: \"id token\" is not a valid cookie name",
                c -> c.putArray("tokenCookies").add("id token"));
        assertProblem("tokenCacheSize: must be a whole number from 0 to 10000", c -> c.put("tokenCacheSize", -1));
        assertProblem("decisionLog: must be \"all\", \"denials\" or \"off\"", c -> c.put("decisionLog", "verbose"));
        assertProblem("decisionLogDenialsPerSecond: must be a whole number from 1 to 1000000",
                c -> c.put("decisionLogDenialsPerSecond", 2.5));
        assertProblem("errorPageHtml.404: no page for this status",
                c -> c.putObject("errorPageHtml").put("404", "<p>x</p>"));
        assertProblem("errorPageHtml.401: larger than 32768 bytes",
                c -> c.putObject("errorPageHtml").put("401", "x".repeat(32 * 1024 + 1)));
    }

    private static TestJson signIn(TestJson config) {
        return config.putObject("signIn").put("domain", "https://shop.auth.us-east-1.amazoncognito.com")
                .put("clientId", "client-1");
    }

    @Test
    void signInGetsItsDefaultsAndFolderIndexIsOnByDefault() {
        TestJson config = TestConfigs.valid();
        signIn(config);
        EdgeConfig parsed = assertInstanceOf(ConfigResult.Valid.class, parse(config)).config();
        SignInConfig signIn = parsed.signIn().orElseThrow();
        assertEquals("https://shop.auth.us-east-1.amazoncognito.com", signIn.domain());
        assertEquals(List.of("openid", "email", "profile"), signIn.scopes());
        assertEquals("/_auth/", signIn.pathPrefix());
        assertEquals("/_auth/callback", signIn.callbackPath());
        assertEquals("/", signIn.signedOutPath());
        assertEquals("id_token", signIn.idTokenCookie());
        assertEquals(Optional.of("access_token"), signIn.accessTokenCookie());
        assertEquals("refresh_token", signIn.refreshTokenCookie());
        assertEquals(30 * 24 * 3600, signIn.sessionMaxAgeSeconds());
        assertEquals(Optional.of("index.html"), parsed.folderIndex());
    }

    @Test
    void withoutSignInNothingChangesAndFolderIndexCanBeTurnedOff() {
        TestJson config = TestConfigs.valid();
        config.put("folderIndex", false);
        EdgeConfig parsed = assertInstanceOf(ConfigResult.Valid.class, parse(config)).config();
        assertEquals(Optional.empty(), parsed.signIn());
        assertEquals(Optional.empty(), parsed.folderIndex());
    }

    @Test
    void aLocalHostedUiMayUseHttpAndOnlyThen() {
        TestJson config = TestConfigs.valid();
        signIn(config).put("domain", "http://127.0.0.1:9228");
        assertInstanceOf(ConfigResult.Valid.class, parse(config));
        assertProblem("signIn.domain: \"http://shop.example.com\" uses http, which is only allowed for localhost",
                c -> signIn(c).put("domain", "http://shop.example.com"));
    }

    @Test
    void everySignInMistakeNamesItsKey() {
        assertProblem("signIn: must be an object", c -> c.put("signIn", "yes"));
        assertProblem("signIn.domain: missing", c -> signIn(c).remove("domain"));
        assertProblem("signIn.clientId: missing", c -> signIn(c).remove("clientId"));
        assertProblem("signIn.domain: \"https://shop.example.com/login\" must be scheme://host[:port]",
                c -> signIn(c).put("domain", "https://shop.example.com/login"));
        assertProblem("signIn.domain: \"ftp://shop.example.com\" is not an https URL",
                c -> signIn(c).put("domain", "ftp://shop.example.com"));
        assertProblem("signIn.clientId: \"other\" is not one of clientIds", c -> signIn(c).put("clientId", "other"));
        assertProblem("signIn.scopes: must include \"openid\"", c -> signIn(c).putArray("scopes").add("email"));
        assertProblem("signIn.scopes[1]: must be a scope name", c -> signIn(c).putArray("scopes").add("openid")
                .add("two words"));
        assertProblem("signIn.pathPrefix: \"/auth\" must start and end with \"/\"",
                c -> signIn(c).put("pathPrefix", "/auth"));
        assertProblem("signIn.pathPrefix: rules[0] \"/_auth/*\" covers paths under \"/_auth/\"", c -> {
            c.member("rules").insert(0, TestJson.object().put("path", "/_auth/*")
                    .put("allow", "public"));
            signIn(c);
        });
        assertProblem("signIn.signedOutPath: \"https://evil.example/\" must be a path",
                c -> signIn(c).put("signedOutPath", "https://evil.example/"));
        assertProblem("signIn.signedOutPath: \"/_auth/x\" lies under signIn.pathPrefix",
                c -> signIn(c).put("signedOutPath", "/_auth/x"));
        assertProblem("signIn: tokenUse must include \"id\"", c -> {
            c.putArray("tokenUse").add("access");
            signIn(c);
        });
        assertProblem("signIn.idTokenCookie: \"session\" is not one of tokenCookies",
                c -> signIn(c).put("idTokenCookie", "session"));
        assertProblem("signIn.refreshTokenCookie: \"id_token\" is one of tokenCookies",
                c -> signIn(c).put("refreshTokenCookie", "id_token"));
        assertProblem("signIn.refreshTokenCookie: \"__host-refresh\" has the __Host- prefix, which needs Path=/",
                c -> signIn(c).put("refreshTokenCookie", "__host-refresh"));
        assertProblem("signIn.refreshCookieMaxAgeSeconds: must be a whole number from 3600 to 315360000",
                c -> signIn(c).put("refreshCookieMaxAgeSeconds", 60));
        assertProblem("signIn.callback: unknown key", c -> signIn(c).put("callback", "/cb"));
        assertProblem("folderIndex: must be a file name", c -> c.put("folderIndex", "../index.html"));
        assertProblem("folderIndex: must be a file name", c -> c.put("folderIndex", true));
    }

    @Test
    void aJwksWithoutUsableKeysIsRefused() {
        assertProblem("jwks: missing", c -> c.remove("jwks"));
        assertProblem("jwks.keys: must be an array", c -> c.putObject("jwks"));
        assertProblem("jwks: no usable RS256 key", c -> c.set("jwks", TestConfigs.jwks()));
        assertProblem("jwks: no usable RS256 key", c -> {
            TestJson ec = TestJson.object().put("kty", "EC").put("kid", "e1")
                    .put("crv", "P-256").put("x", "AAAA").put("y", "AAAA");
            c.set("jwks", TestConfigs.jwks(ec, TestConfigs.rsaJwk("enc", 2048).put("use", "enc"),
                    TestConfigs.rsaJwk("hs", 2048).put("alg", "RS512")));
        });
    }

    @Test
    void aBrokenRsaKeyIsAProblemNotASkip() {
        assertProblem("jwks.keys[0] (kid \"short\"): n: a 1024-bit modulus",
                c -> c.set("jwks", TestConfigs.jwks(TestConfigs.rsaJwk("short", 1024))));
        assertProblem("jwks.keys[0] (kid \"k1\"): n: missing or not base64url",
                c -> c.member("jwks").member("keys").element(0).put("n", "not base64!"));
        assertProblem("jwks.keys[0] (kid \"k1\"): e: must be an odd public exponent",
                c -> c.member("jwks").member("keys").element(0).put("e", "AQAA"));
        assertProblem("jwks.keys[1]: duplicate kid \"k1\"",
                c -> c.member("jwks").member("keys").add(TestConfigs.rsaJwk("k1", 2048)));
        assertProblem("jwks.keys[1]: duplicate kid \"k1\"", c -> c.member("jwks").member("keys")
                .add(TestJson.object().put("kty", "EC").put("kid", "k1").put("crv", "P-256")));
    }

    @Test
    void keysWhoseUseOrAlgIsNotAStringAreSkipped() {
        assertProblem("jwks: no usable RS256 key",
                c -> c.set("jwks", TestConfigs.jwks(TestConfigs.rsaJwk("n1", 2048).putNull("use"))));
        assertProblem("jwks: no usable RS256 key",
                c -> c.set("jwks", TestConfigs.jwks(TestConfigs.rsaJwk("n2", 2048).putNull("alg"))));
    }

    @Test
    void allProblemsAreReportedAtOnce() {
        List<String> problems = problemsAfter(c -> {
            c.remove("region");
            c.putArray("clientIds");
            c.member("rules").element(0).put("allow", "nobody");
        });
        assertTrue(problems.size() >= 3, problems.toString());
    }

    @Test
    void aConfigThatIsNotAnObjectIsRefused() {
        assertEquals(List.of("config: must be a JSON object"),
                assertInstanceOf(ConfigResult.Invalid.class, parse(TestJson.array()))
                        .problems());
    }
}
