package site.paywall.edge.conformance.failclosed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import site.paywall.edge.conformance.TestKeys;
import site.paywall.edge.conformance.TestSite;
import site.paywall.edge.conformance.TokenFactory;
import site.paywall.edge.conformance.ViewerRequestEvents;
import site.paywall.edge.core.DecisionLine;
import site.paywall.edge.core.EdgeHandler;
import site.paywall.edge.core.Json;
import site.paywall.edge.core.Platform;
import site.paywall.edge.core.Step;
import site.paywall.edge.core.request.EventRead;
import site.paywall.edge.core.request.HeaderValues;
import site.paywall.edge.core.token.CompactJws;
import site.paywall.edge.core.token.JwsRead;
import site.paywall.edge.core.token.TypedClaims;
import site.paywall.edge.jvm.JacksonJson;
import site.paywall.edge.jvm.JvmPlatform;
import site.paywall.edge.jvm.engine.BundleEngine;
import site.paywall.edge.jvm.engine.EngineResult;
import site.paywall.edge.jvm.tools.BundleWriter;

/** Any failure inside the authorizer denies with 500; nothing that goes wrong ever forwards. */
class FailClosedTest {

    private static final long NOW_MILLIS = TestSite.FIXTURE_NOW_SECONDS * 1000;

    private static TestSite site;
    private static String payingToken;

    @BeforeAll
    static void keys() {
        site = new TestSite(TestKeys.generate());
        payingToken = new TokenFactory(site.keys()).sign(TokenFactory.header(TestKeys.PRIMARY_KID),
                TokenFactory.idClaims(site, "alice", TestSite.FIXTURE_NOW_SECONDS, TestSite.PAYING_GROUP),
                site.keys().primary());
    }

    /** The JVM seam with one operation replaced by a failure. */
    private static class FailingPlatform implements Platform {
        final JvmPlatform real;
        final List<String> log = new ArrayList<>();

        FailingPlatform() {
            real = new JvmPlatform(() -> NOW_MILLIS, log::add);
        }

        @Override public EventRead readEvent(Json event) { return real.readEvent(event); }
        @Override public HeaderValues headerValues(Json headers, String name) {
            return real.headerValues(headers, name);
        }
        // The references, on this platform: a failure put into parseBase64UrlJson below reaches them too.
        @Override public JwsRead readJws(String token) { return CompactJws.read(token, this); }
        @Override public Optional<TypedClaims> readClaims(String payload) {
            return parseBase64UrlJson(payload).flatMap(TypedClaims::read);
        }
        @Override public Optional<Json> parseJson(String text) { return real.parseJson(text); }
        @Override public Optional<Json> parseBase64UrlJson(String s) { return real.parseBase64UrlJson(s); }
        @Override public boolean isBase64UrlAlphabet(String text) { return real.isBase64UrlAlphabet(text); }
        @Override public Optional<PublicKeyHandle> importRsaPublicKey(Json jwk) { return real.importRsaPublicKey(jwk); }
        @Override public boolean verifyRs256(PublicKeyHandle k, String in, String sig) {
            return real.verifyRs256(k, in, sig);
        }
        @Override public double nowMillis() { return real.nowMillis(); }
        @Override public String randomBase64Url(int bytes) { return real.randomBase64Url(bytes); }
        @Override public String sha256Base64Url(String ascii) { return real.sha256Base64Url(ascii); }
        @Override public Json newObject() { return real.newObject(); }
        @Override public Json newArray() { return real.newArray(); }
        @Override public Json string(String value) { return real.string(value); }
        @Override public Json integer(long value) { return real.integer(value); }
        @Override public String stringify(Json value) { return real.stringify(value); }
        @Override public Json freeze(Json value) { return real.freeze(value); }
        @Override public void log(String line) { real.log(line); }
        @Override public void logDecision(DecisionLine line) { log(line.toJson(this)); }
    }

    private static JsonNode handle(EdgeHandler handler, String uri, String token) {
        ObjectNode event = ViewerRequestEvents.get(uri);
        ViewerRequestEvents.header(event, "Authorization", "Bearer " + token);
        return ((JacksonJson) ((Step.Result) handler.handle(new JacksonJson(event))).result()).node();
    }

    private static void assertInternalError(JsonNode result) {
        assertEquals("500", result.path("status").asText(), result.toString());
        assertEquals("no-store", result.at("/headers/cache-control/0/value").asText());
    }

    @Test
    void aThrowingCryptoCallAnswers500NotAForward() {
        FailingPlatform platform = new FailingPlatform() {
            @Override
            public boolean verifyRs256(PublicKeyHandle key, String input, String signature) {
                throw new IllegalStateException("provider exploded");
            }
        };
        EdgeHandler handler = EdgeHandler.start(platform, new JacksonJson(site.config()));
        assertInternalError(handle(handler, "/premium/report.pdf", payingToken));
        assertTrue(platform.log.stream().anyMatch(l -> l.contains("internal error: IllegalStateException")),
                platform.log.toString());
        assertTrue(platform.log.stream().noneMatch(l -> l.contains("provider exploded")),
                "the exception's message (which could quote input) is not logged");
    }

    @Test
    void aThrowingJsonCallAnswers500EvenOnAPublicPath() {
        AtomicBoolean failed = new AtomicBoolean();
        FailingPlatform platform = new FailingPlatform() {
            @Override
            public Json newArray() {
                if (failed.compareAndSet(false, true)) {
                    throw new StackOverflowError();
                }
                return real.newArray();
            }
        };
        EdgeHandler handler = EdgeHandler.start(platform, new JacksonJson(site.config()));
        ObjectNode event = ViewerRequestEvents.get("/index.html");
        ViewerRequestEvents.header(event, "Cookie", "theme=dark; id_token=" + payingToken);
        JsonNode result = ((JacksonJson) ((Step.Result) handler.handle(new JacksonJson(event))).result()).node();
        assertTrue(failed.get(), "the forward path did hit the failure");
        assertInternalError(result);
    }

    @Test
    void whenNotEvenAnErrorCanBeBuiltTheFailureReachesTheRuntimeAdapterNotAForward() {
        FailingPlatform platform = new FailingPlatform() {
            @Override
            public Json newArray() {
                throw new IllegalStateException("JSON building is broken");
            }
        };
        EdgeHandler handler = EdgeHandler.start(platform, new JacksonJson(site.config()));
        ObjectNode event = ViewerRequestEvents.get("/index.html");
        ViewerRequestEvents.header(event, "Cookie", "id_token=" + payingToken);
        // The core cannot build any answer; it throws rather than return the request. At the edge, index.js turns
        // that into a 500 (theBundleEntryPointAnswers500WhenTheCompiledCoreThrows).
        assertThrows(IllegalStateException.class, () -> handler.handle(new JacksonJson(event)));
    }

    @Test
    void anInvalidConfigDeniesEveryRequestIncludingPublicOnes() {
        FailingPlatform platform = new FailingPlatform();
        ObjectNode config = site.config();
        config.putArray("clientIds");
        EdgeHandler handler = EdgeHandler.start(platform, new JacksonJson(config));
        assertInternalError(handle(handler, "/index.html", payingToken));
        assertInternalError(handle(handler, "/premium/report.pdf", payingToken));
        assertTrue(platform.log.get(0).contains("invalid edge-auth configuration")
                && platform.log.get(0).contains("clientIds"), platform.log.toString());
    }

    @Test
    void aKeyTheRuntimeCannotImportDeniesEverything() {
        FailingPlatform platform = new FailingPlatform() {
            @Override
            public Optional<PublicKeyHandle> importRsaPublicKey(Json jwk) {
                return Optional.empty();
            }
        };
        EdgeHandler handler = EdgeHandler.start(platform, new JacksonJson(site.config()));
        assertInternalError(handle(handler, "/index.html", payingToken));
        assertTrue(platform.log.get(0).contains("cannot be imported"), platform.log.toString());
    }

    @Test
    void theBundleEntryPointAnswers500WhenTheCompiledCoreThrows(@TempDir Path dir) throws IOException {
        BundleWriter.writeDirectory(dir, site.config());
        // Stand in for a compiled core that fails in a way no Java catch sees (a JS TypeError, say).
        Files.writeString(dir.resolve("authorizer.js"), "'use strict';\nexports.configure = () => {};\n"
                + "exports.handle = () => { null.boom(); };\n");
        try (BundleEngine bundle = BundleEngine.start(dir)) {
            EngineResult result = bundle.handle(ViewerRequestEvents.get("/index.html"), OptionalLong.of(NOW_MILLIS));
            assertInternalError(result.result());
            assertTrue(result.log().stream().anyMatch(l -> l.contains("internal error: TypeError")),
                    result.log().toString());
        }
    }

    @Test
    void aBundleWhoseConfigIsNotJsonDeniesEverything(@TempDir Path dir) throws IOException {
        BundleWriter.writeDirectory(dir, site.config());
        Files.writeString(dir.resolve("config.json"), "{ this is not json");
        try (BundleEngine bundle = BundleEngine.start(dir)) {
            EngineResult result = bundle.handle(ViewerRequestEvents.get("/index.html"), OptionalLong.of(NOW_MILLIS));
            assertInternalError(result.result());
        }
    }
}
