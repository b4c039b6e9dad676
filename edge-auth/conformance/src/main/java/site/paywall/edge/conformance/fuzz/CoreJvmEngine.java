package site.paywall.edge.conformance.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import site.paywall.edge.core.EdgeHandler;
import site.paywall.edge.jvm.JacksonJson;
import site.paywall.edge.jvm.JvmPlatform;
import site.paywall.edge.jvm.engine.Engine;
import site.paywall.edge.jvm.engine.EngineResult;

/**
 * The core exactly as the edge builds it ({@link EdgeHandler#start}: the core's own verifier behind the
 * verified-token cache), but on the JVM platform. A third vote that localises a disagreement: JvmEngine ≠ this
 * means the core's token logic differs from the nimbus reference; this ≠ the bundle means TeaVM or the Node
 * platform changed the meaning.
 */
final class CoreJvmEngine implements Engine {

    private final List<String> log = new ArrayList<>();
    private final EdgeHandler handler;
    private long nowMillis;

    CoreJvmEngine(JsonNode resolvedConfig) {
        JvmPlatform platform = new JvmPlatform(() -> nowMillis, log::add);
        handler = EdgeHandler.start(platform, new JacksonJson(resolvedConfig.deepCopy()));
    }

    @Override
    public synchronized EngineResult handle(JsonNode event, OptionalLong now) {
        nowMillis = now.orElse(System.currentTimeMillis());
        log.clear();
        JsonNode result = ((JacksonJson) handler.handle(new JacksonJson(event.deepCopy()))).node();
        return new EngineResult(result, List.copyOf(log));
    }

    @Override
    public String name() {
        return "core-jvm";
    }

    @Override
    public void close() {
        // Nothing held.
    }
}
