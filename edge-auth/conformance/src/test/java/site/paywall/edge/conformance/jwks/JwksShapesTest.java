package site.paywall.edge.conformance.jwks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import site.paywall.edge.conformance.TestKeys;
import site.paywall.edge.conformance.TestSite;
import site.paywall.edge.conformance.TokenFactory;
import site.paywall.edge.conformance.ViewerRequestEvents;
import site.paywall.edge.conformance.fuzz.BundleDirectories;
import site.paywall.edge.jvm.engine.BundleEngine;
import site.paywall.edge.jvm.engine.Engine;
import site.paywall.edge.jvm.engine.EngineResult;
import site.paywall.edge.jvm.engine.InvalidConfigException;
import site.paywall.edge.jvm.engine.JvmEngine;

/**
 * JWKS shapes on which the engines once parted: the core filters the JWKS once and every engine verifies against
 * exactly the keys it accepted, and a kid that two keys share is a config error everywhere. A token signed by the
 * primary key is replayed under each shape; all three engines must give the same answer, and the one the core's
 * rules say.
 */
class JwksShapesTest {

    private static final long NOW = TestSite.FIXTURE_NOW_SECONDS;
    private static TestSite site;
    private static String token;

    @BeforeAll
    static void keys() {
        site = new TestSite(TestKeys.generate());
        token = new TokenFactory(site.keys()).sign(TokenFactory.header(TestKeys.PRIMARY_KID),
                TokenFactory.idClaims(site, "alice", NOW, TestSite.PAYING_GROUP), site.keys().primary());
    }

    private static ObjectNode configWith(Consumer<ArrayNode> change) {
        ObjectNode config = site.config();
        change.accept((ArrayNode) config.get("jwks").get("keys"));
        return config;
    }

    /** The outcome ("forward" or the status) on each engine, and its rejection code when there is one. */
    private static List<String> outcomes(ObjectNode config) {
        ObjectNode event = ViewerRequestEvents.get("/premium/report.pdf");
        ViewerRequestEvents.header(event, "Authorization", "Bearer " + token);
        Path bundle = BundleDirectories.write(config);
        List<String> outcomes = new ArrayList<>();
        try (Engine reference = JvmEngine.reference(config); Engine core = JvmEngine.core(config);
                Engine node = BundleEngine.start(bundle)) {
            for (Engine engine : List.of(reference, core, node)) {
                EngineResult result = engine.handle(event, OptionalLong.of(NOW * 1000));
                String rejection = result.log().stream().filter(l -> l.contains("\"rejection\""))
                        .map(l -> l.replaceAll(".*\"rejection\":\"([a-z_]+)\".*", "$1")).findFirst().orElse("");
                outcomes.add(result.outcome() + (rejection.isEmpty() ? "" : " " + rejection));
            }
        } finally {
            BundleDirectories.delete(bundle);
        }
        return outcomes;
    }

    @Test
    void aKeyWhoseUseIsNullIsSkippedByEveryEngine() {
        List<String> outcomes = outcomes(configWith(keys -> ((ObjectNode) keys.get(0)).putNull("use")));
        assertEquals(List.of("401 unknown_key", "401 unknown_key", "401 unknown_key"), outcomes);
    }

    @Test
    void aKeyWhoseAlgIsNullIsSkippedByEveryEngine() {
        List<String> outcomes = outcomes(configWith(keys -> ((ObjectNode) keys.get(0)).putNull("alg")));
        assertEquals(List.of("401 unknown_key", "401 unknown_key", "401 unknown_key"), outcomes);
    }

    @Test
    void oddSkippedKeysBesideAGoodOneChangeNothingAndCrashNothing() {
        List<String> outcomes = outcomes(configWith(keys -> {
            ObjectNode conflict = keys.get(1).deepCopy();
            conflict.put("kid", "use-and-key-ops-conflict").put("use", "enc").putArray("key_ops").add("verify");
            keys.add(conflict);
            keys.addObject().put("kty", "EC").put("kid", "off-curve").put("crv", "P-256").put("x", "AAAA")
                    .put("y", "AAAA");
        }));
        assertEquals(List.of("forward", "forward", "forward"), outcomes);
    }

    @Test
    void aKidSharedByTwoKeysIsAConfigErrorEvenWhenOneWouldBeSkipped() {
        ObjectNode config = configWith(keys -> keys.add(((ObjectNode) keys.get(0)).deepCopy().put("use", "enc")));
        InvalidConfigException refused = assertThrows(InvalidConfigException.class, () -> JvmEngine.reference(config));
        assertTrue(refused.getMessage().contains("duplicate kid \"" + TestKeys.PRIMARY_KID + "\""),
                refused.getMessage());
        List<String> edge = new ArrayList<>();
        Path bundle = BundleDirectories.write(config);
        try (Engine core = JvmEngine.core(config); Engine node = BundleEngine.start(bundle)) {
            ObjectNode event = ViewerRequestEvents.get("/index.html");
            edge.add(core.handle(event, OptionalLong.of(NOW * 1000)).outcome());
            edge.add(node.handle(event, OptionalLong.of(NOW * 1000)).outcome());
        } finally {
            BundleDirectories.delete(bundle);
        }
        assertEquals(List.of("500", "500"), edge, "the edge's own handler denies everything on an invalid config");
    }
}
