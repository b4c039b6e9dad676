package site.paywall.edge.conformance.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import site.paywall.edge.conformance.TestKeys;
import site.paywall.edge.conformance.TestSite;
import site.paywall.edge.conformance.TokenFactory;
import site.paywall.edge.conformance.ViewerRequestEvents;
import site.paywall.edge.core.EdgeHandler;
import site.paywall.edge.core.Step;
import site.paywall.edge.core.config.ConfigParser;
import site.paywall.edge.core.config.ConfigResult;
import site.paywall.edge.core.config.EdgeConfig;
import site.paywall.edge.core.token.CognitoTokenVerifier;
import site.paywall.edge.core.token.KeyRing;
import site.paywall.edge.core.token.RejectionCode;
import site.paywall.edge.core.token.TokenVerifier;
import site.paywall.edge.core.token.Verification;
import site.paywall.edge.core.token.VerifiedTokenCache;
import site.paywall.edge.jvm.JacksonJson;
import site.paywall.edge.jvm.JvmPlatform;

/** The verified-token cache may save work; it may never change a decision, least of all a deny into a forward. */
class VerifiedTokenCacheTest {

    private static final long NOW = TestSite.FIXTURE_NOW_SECONDS;
    private static final int SKEW = TestSite.CLOCK_SKEW_SECONDS;

    private static TestSite site;
    private static TokenFactory tokens;
    private static final AtomicLong clock = new AtomicLong(NOW * 1000);
    private static final JvmPlatform platform = new JvmPlatform(clock::get, line -> { });
    private static EdgeConfig config;
    private static KeyRing keys;

    @BeforeAll
    static void keys() {
        site = new TestSite(TestKeys.generate());
        tokens = new TokenFactory(site.keys());
        config = ((ConfigResult.Valid) ConfigParser.parse(new JacksonJson(site.config()))).config();
        List<String> problems = new ArrayList<>();
        keys = KeyRing.importKeys(platform, config.signingKeys(), problems);
        assertEquals(List.of(), problems);
    }

    /** The core's verifier, counting how often the cache lets a call through. */
    private static final class CountingVerifier implements TokenVerifier {
        final AtomicInteger calls = new AtomicInteger();
        final TokenVerifier real = new CognitoTokenVerifier(platform, config, keys);

        @Override
        public Verification verify(String token, double nowMillis) {
            calls.incrementAndGet();
            return real.verify(token, nowMillis);
        }
    }

    private static String token(ObjectNode claims) {
        return tokens.sign(TokenFactory.header(TestKeys.PRIMARY_KID), claims, site.keys().primary());
    }

    @Test
    void aRepeatedTokenIsVerifiedOnce() {
        CountingVerifier inner = new CountingVerifier();
        VerifiedTokenCache cache = new VerifiedTokenCache(inner, 16, SKEW);
        String token = token(TokenFactory.idClaims(site, "alice", NOW, TestSite.PAYING_GROUP));
        assertInstanceOf(Verification.Verified.class, cache.verify(token, NOW * 1000));
        assertInstanceOf(Verification.Verified.class, cache.verify(token, NOW * 1000 + 5));
        assertEquals(1, inner.calls.get());
    }

    @Test
    void aCachedTokenExpiresExactlyWhenAFreshOneWould() {
        CountingVerifier inner = new CountingVerifier();
        VerifiedTokenCache cache = new VerifiedTokenCache(inner, 16, SKEW);
        ObjectNode claims = TokenFactory.idClaims(site, "alice", NOW);
        long exp = claims.get("exp").asLong();
        String token = token(claims);
        assertInstanceOf(Verification.Verified.class, cache.verify(token, NOW * 1000));
        assertInstanceOf(Verification.Verified.class, cache.verify(token, (exp + SKEW) * 1000 - 1));
        Verification late = cache.verify(token, (exp + SKEW) * 1000);
        assertEquals(new Verification.Rejected(RejectionCode.EXPIRED, "token expired (exp)"), late);
        assertEquals(inner.real.verify(token, (exp + SKEW) * 1000), late, "same verdict as a fresh verification");
    }

    @Test
    void aCachedTokenIsRejectedWhenTheClockIsBeforeItsWindow() {
        VerifiedTokenCache cache = new VerifiedTokenCache(new CountingVerifier(), 16, SKEW);
        ObjectNode claims = TokenFactory.idClaims(site, "alice", NOW);
        claims.put("nbf", NOW);
        String token = token(claims);
        assertInstanceOf(Verification.Verified.class, cache.verify(token, NOW * 1000));
        // A clock that steps back (a pinned replay, another edge host) must not be trusted through the cache.
        assertEquals(new Verification.Rejected(RejectionCode.NOT_YET_VALID, "token issued in the future (iat)"),
                cache.verify(token, (NOW - 60 - SKEW - 1) * 1000));
    }

    @Test
    void rejectedTokensAreNeverCached() {
        CountingVerifier inner = new CountingVerifier();
        VerifiedTokenCache cache = new VerifiedTokenCache(inner, 16, SKEW);
        String good = token(TokenFactory.idClaims(site, "alice", NOW));
        String forged = good.substring(0, good.lastIndexOf('.') + 1)
                + TokenFactory.signature(good.substring(0, good.lastIndexOf('.')), site.keys().outsider());
        for (int i = 0; i < 3; i++) {
            assertEquals(new Verification.Rejected(RejectionCode.BAD_SIGNATURE, "signature does not verify"),
                    cache.verify(forged, NOW * 1000));
        }
        assertEquals(3, inner.calls.get());
    }

    @Test
    void theCapacityIsABoundAndTheLeastRecentlyUsedGoesFirst() {
        CountingVerifier inner = new CountingVerifier();
        VerifiedTokenCache cache = new VerifiedTokenCache(inner, 4, SKEW);
        List<String> issued = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            issued.add(token(TokenFactory.idClaims(site, "user-" + i, NOW)));
            cache.verify(issued.get(i), NOW * 1000);
        }
        assertEquals(6, inner.calls.get());
        cache.verify(issued.get(5), NOW * 1000);
        assertEquals(6, inner.calls.get(), "the newest is still cached");
        cache.verify(issued.get(0), NOW * 1000);
        assertEquals(7, inner.calls.get(), "the oldest was evicted");
    }

    @Test
    void aCachedIdentityStillFacesEachPathsRule() {
        EdgeHandler handler = EdgeHandler.start(platform, new JacksonJson(site.config()));
        String signedInOnly = token(TokenFactory.idClaims(site, "bob", NOW));
        clock.set(NOW * 1000);
        JsonNode account = handle(handler, "/account/settings.html", signedInOnly);
        assertTrue(!account.has("status"), "signed-in area forwards: " + account);
        JsonNode premium = handle(handler, "/premium/report.pdf", signedInOnly);
        assertEquals("403", premium.path("status").asText(), "cached, yet the group rule still applies");
    }

    /**
     * The proof: thousands of requests — valid, expired, not-yet-valid, forged and mis-issued tokens, on every kind
     * of path, with the clock jumping back and forth — through a handler with the cache and one without. Every
     * result must be identical; a single difference fails.
     */
    @Test
    void cachingNeverChangesADecision() {
        EdgeHandler cached = EdgeHandler.start(platform, new JacksonJson(site.config()));
        ObjectNode uncachedConfig = site.config().put("tokenCacheSize", 0);
        EdgeHandler uncached = EdgeHandler.start(platform, new JacksonJson(uncachedConfig));
        List<String> pool = tokenPool();
        List<String> paths = List.of("/premium/a.pdf", "/downloads/b.pdf", "/account/", "/internal/x", "/index.html",
                "/nowhere/x", "/premium/%2e%2e/a.pdf");
        Random random = new Random(20261127);
        int forwards = 0;
        for (int step = 0; step < 4000; step++) {
            String token = pool.get(random.nextInt(pool.size()));
            String path = paths.get(random.nextInt(paths.size()));
            clock.set((NOW + random.nextInt(3 * 3600) - 3600) * 1000 + random.nextInt(1000));
            JsonNode withCache = handle(cached, path, token);
            JsonNode withoutCache = handle(uncached, path, token);
            assertEquals(withoutCache, withCache, "step " + step + " at " + clock.get() + " on " + path);
            forwards += withCache.has("status") ? 0 : 1;
        }
        assertTrue(forwards > 400, "the walk must reach forwards often enough to mean something: " + forwards);
    }

    private static List<String> tokenPool() {
        List<String> pool = new ArrayList<>();
        String[][] groups = {{}, {TestSite.PAYING_GROUP}, {"staff"}, {"Paying-Customers"}};
        for (int i = 0; i < 24; i++) {
            String[] memberOf = groups[i % groups.length];
            long issuedAround = NOW + (i % 6) * 900 - 1800;
            ObjectNode claims = i % 2 == 0 ? TokenFactory.idClaims(site, "u" + i, issuedAround, memberOf)
                    : TokenFactory.accessClaims(site, "u" + i, issuedAround, memberOf);
            claims.put("exp", issuedAround + 300 + (i % 5) * 600);
            if (i % 3 == 0) {
                claims.put("nbf", issuedAround + 120);
            }
            pool.add(token(claims));
        }
        String good = pool.get(1);
        pool.add(good.substring(0, good.length() - 4) + "AAAA");
        pool.add(tokens.sign(TokenFactory.header(TestKeys.PRIMARY_KID),
                TokenFactory.idClaims(site, "eve", NOW, TestSite.PAYING_GROUP), site.keys().outsider()));
        pool.add(token(TokenFactory.idClaims(site, "mallory", NOW, TestSite.PAYING_GROUP).put("iss", "https://x")));
        return pool;
    }

    private static JsonNode handle(EdgeHandler handler, String path, String token) {
        ObjectNode event = ViewerRequestEvents.get(path);
        ViewerRequestEvents.header(event, "Authorization", "Bearer " + token);
        return ((JacksonJson) ((Step.Result) handler.handle(new JacksonJson(event))).result()).node();
    }
}
