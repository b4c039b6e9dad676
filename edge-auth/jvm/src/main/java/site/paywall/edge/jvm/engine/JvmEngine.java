package site.paywall.edge.jvm.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import site.paywall.edge.core.EdgeHandler;
import site.paywall.edge.core.config.ConfigParser;
import site.paywall.edge.core.config.ConfigResult;
import site.paywall.edge.core.config.EdgeConfig;
import site.paywall.edge.core.token.KeyRing;
import site.paywall.edge.jvm.JacksonJson;
import site.paywall.edge.jvm.JvmPlatform;
import site.paywall.edge.jvm.NimbusTokenVerifier;

/** The JVM reference: the core's rules and rendering, Jackson for JSON, nimbus-jose-jwt for tokens. */
public final class JvmEngine implements Engine {

    private final EdgeHandler handler;
    private final List<String> log = new ArrayList<>();
    private long pinnedMillis;
    private boolean pinned;

    /** @throws InvalidConfigException when the (resolved) configuration does not validate */
    public JvmEngine(JsonNode resolvedConfig) {
        JvmPlatform platform = new JvmPlatform(() -> pinned ? pinnedMillis : System.currentTimeMillis(), log::add);
        EdgeConfig config = validate(resolvedConfig, platform);
        handler = EdgeHandler.withVerifier(platform, config,
                new NimbusTokenVerifier(config, resolvedConfig.get("jwks")));
    }

    /** Validates a resolved configuration as the edge will at cold start, keys imported included. */
    public static EdgeConfig validate(JsonNode resolvedConfig, JvmPlatform platform) {
        ConfigResult parsed = ConfigParser.parse(new JacksonJson(resolvedConfig));
        if (parsed instanceof ConfigResult.Invalid invalid) {
            throw new InvalidConfigException(invalid.problems());
        }
        EdgeConfig config = ((ConfigResult.Valid) parsed).config();
        List<String> problems = new ArrayList<>();
        KeyRing.importKeys(platform, config.signingKeys(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        return config;
    }

    @Override
    public synchronized EngineResult handle(JsonNode event, OptionalLong nowMillis) {
        pinned = nowMillis.isPresent();
        pinnedMillis = nowMillis.orElse(0);
        log.clear();
        JsonNode result = ((JacksonJson) handler.handle(new JacksonJson(event.deepCopy()))).node();
        return new EngineResult(result, List.copyOf(log));
    }

    @Override
    public String name() {
        return "jvm";
    }

    @Override
    public void close() {
        // Nothing held.
    }
}
