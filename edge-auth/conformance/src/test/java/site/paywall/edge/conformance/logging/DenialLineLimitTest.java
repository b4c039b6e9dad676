package site.paywall.edge.conformance.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import site.paywall.edge.conformance.TestKeys;
import site.paywall.edge.conformance.TestSite;
import site.paywall.edge.conformance.ViewerRequestEvents;
import site.paywall.edge.jvm.engine.BundleEngine;
import site.paywall.edge.jvm.engine.Engine;
import site.paywall.edge.jvm.engine.JvmEngine;
import site.paywall.edge.jvm.tools.BundleWriter;

/**
 * {@code decisionLogDenialsPerSecond} on every engine: past the limit a second's denial lines are counted, and the
 * first decision after that second writes their summary; forward lines are written whatever the count. The bundle
 * (under Node, clock pinned per event) must write exactly the lines the JVM engines write.
 */
class DenialLineLimitTest {

    private static final long SECOND = TestSite.FIXTURE_NOW_SECONDS;

    @Test
    void pastTheLimitDenialsAreCountedAndSummarisedAlikeOnEveryEngine(@TempDir Path dir) throws IOException {
        TestSite site = new TestSite(TestKeys.generate());
        ObjectNode config = site.config().put("decisionLogDenialsPerSecond", 3);
        BundleWriter.writeDirectory(dir, config);
        String deny = "{\"requestId\":\"%s\",\"path\":\"/premium/x.pdf\",\"decision\":\"deny\",\"status\":401,"
                + "\"rule\":\"/premium/*\",\"reason\":\"no token presented\"}";
        try (Engine reference = JvmEngine.reference(config); Engine core = JvmEngine.core(config);
                Engine bundle = BundleEngine.start(dir)) {
            for (Engine engine : List.of(reference, core, bundle)) {
                List<List<String>> lines = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    lines.add(engine.handle(ViewerRequestEvents.get("/premium/x.pdf"),
                            OptionalLong.of(SECOND * 1000 + 200 * i)).log());
                }
                lines.add(engine.handle(ViewerRequestEvents.get("/index.html"),
                        OptionalLong.of(SECOND * 1000 + 999)).log());
                lines.add(engine.handle(ViewerRequestEvents.get("/premium/x.pdf"),
                        OptionalLong.of(SECOND * 1000 + 1000)).log());
                String requestId = ViewerRequestEvents.get("/").at("/Records/0/cf/config/requestId").asText();
                String line = deny.formatted(requestId);
                assertEquals(List.of(List.of(line), List.of(line), List.of(line), List.of(), List.of(),
                        List.of("{\"requestId\":\"" + requestId + "\",\"path\":\"/index.html\",\"decision\":"
                                + "\"forward\",\"rule\":\"/*.html\",\"reason\":\"public path\"}"),
                        List.of("{\"suppressedDenialLines\":2,\"second\":" + SECOND + ",\"limitPerSecond\":3,"
                                + "\"reasons\":{\"no token presented\":2}}", line)), lines, engine.name());
            }
        }
    }
}
