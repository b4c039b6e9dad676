package site.paywall.edge.jvm.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import site.paywall.edge.core.EdgeHandler;
import site.paywall.edge.core.Step;
import site.paywall.edge.core.config.BundledConfig;
import site.paywall.edge.core.config.ConfigParser;
import site.paywall.edge.core.config.ConfigResult;
import site.paywall.edge.core.config.EdgeConfig;
import site.paywall.edge.core.token.KeyRing;
import site.paywall.edge.jvm.JacksonJson;
import site.paywall.edge.jvm.JvmPlatform;
import site.paywall.edge.jvm.NimbusTokenVerifier;
import site.paywall.edge.jvm.PinnedRandom;
import site.paywall.edge.jvm.cognito.CognitoCalls;
import site.paywall.edge.jvm.cognito.RecordedTransport;

/**
 * The core's rules and rendering on the JVM (Jackson for JSON, JCA for crypto), with one of two token verifiers:
 * <ul>
 *   <li>{@link #reference} — nimbus-jose-jwt, written independently of the core's verifier: the JVM reference;</li>
 *   <li>{@link #core} — the edge's own handler exactly as {@code EdgeModule} builds it under Node
 *       ({@link EdgeHandler#startBundled} on the baked config: the core's verifier behind the verified-token
 *       cache). A third vote that localises
 *       a disagreement: reference ≠ core means the core's token logic differs from nimbus; core ≠ bundle means TeaVM
 *       or the Node platform changed the meaning.</li>
 * </ul>
 * Cognito calls are answered from the script's recordings by {@link CognitoCalls}, the twin of index.js.
 */
public final class JvmEngine implements Engine {

    private final String name;
    private final EdgeHandler handler;
    private final List<String> log = new ArrayList<>();
    private final PinnedRandom pinnedRandom = new PinnedRandom();
    private long pinnedMillis;
    private boolean clockPinned;
    private boolean randomPinned;

    private JvmEngine(String name, JsonNode resolvedConfig, boolean nimbus) {
        this.name = name;
        JvmPlatform platform = new JvmPlatform(() -> clockPinned ? pinnedMillis : System.currentTimeMillis(),
                log::add, count -> randomPinned ? pinnedRandom.apply(count) : secureRandom(count));
        if (nimbus) {
            EdgeConfig config = validate(resolvedConfig, platform);
            handler = EdgeHandler.withVerifier(platform, config, new NimbusTokenVerifier(config));
        } else {
            // Exactly as the bundle starts: on the config.json that BundleWriter bakes.
            handler = EdgeHandler.startBundled(platform, new JacksonJson(bundledForm(resolvedConfig)));
        }
    }

    /**
     * What edge-bundle bakes into config.json for a resolved config: its pre-validated form
     * ({@link BundledConfig#toJson}) when it validates, otherwise the config as it is — which the edge's structural
     * reader refuses, so such a bundle denies every request (tests of that write one on purpose).
     */
    public static JsonNode bundledForm(JsonNode resolvedConfig) {
        JvmPlatform platform = JvmPlatform.system();
        ConfigResult parsed = ConfigParser.parse(new JacksonJson(resolvedConfig.deepCopy()));
        if (parsed instanceof ConfigResult.Valid valid) {
            return ((JacksonJson) BundledConfig.toJson(valid.config(), platform)).node();
        }
        return resolvedConfig.deepCopy();
    }

    /**
     * The JVM reference: nimbus-jose-jwt verifies tokens.
     *
     * @throws InvalidConfigException when the (resolved) configuration does not validate
     */
    public static JvmEngine reference(JsonNode resolvedConfig) {
        return new JvmEngine("jvm", resolvedConfig, true);
    }

    /** The edge's own handler and verifier on the JVM; an invalid config gives a handler that answers 500. */
    public static JvmEngine core(JsonNode resolvedConfig) {
        return new JvmEngine("core-jvm", resolvedConfig, false);
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
    public synchronized EngineResult handle(JsonNode event, OptionalLong nowMillis, CognitoScript script) {
        clockPinned = nowMillis.isPresent();
        pinnedMillis = nowMillis.orElse(0);
        randomPinned = script.randomSeed().isPresent();
        pinnedRandom.reset(script.randomSeed().orElse(""));
        log.clear();
        JacksonJson copy = new JacksonJson(event.deepCopy());
        Step step = handler.handle(copy);
        if (step instanceof Step.Result result) {
            return new EngineResult(((JacksonJson) result.result()).node(), List.copyOf(log));
        }
        RecordedTransport transport = new RecordedTransport(script.answers());
        JsonNode answer = CognitoCalls.perform(((JacksonJson) ((Step.Call) step).call()).node(), transport,
                millis -> { });
        JsonNode result = ((JacksonJson) handler.resume(copy, new JacksonJson(answer))).node();
        return new EngineResult(result, List.copyOf(log), transport.calls());
    }

    private static byte[] secureRandom(int count) {
        byte[] bytes = new byte[count];
        new java.security.SecureRandom().nextBytes(bytes);
        return bytes;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() {
        // Nothing held.
    }
}
