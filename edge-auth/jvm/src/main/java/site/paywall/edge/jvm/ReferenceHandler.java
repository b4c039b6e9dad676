package site.paywall.edge.jvm;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import site.paywall.edge.core.EdgeHandler;
import site.paywall.edge.core.Json;
import site.paywall.edge.core.Step;
import site.paywall.edge.core.config.EdgeConfig;
import site.paywall.edge.jvm.cognito.CognitoCalls;
import site.paywall.edge.jvm.cognito.HttpTransport;
import site.paywall.edge.jvm.engine.JvmEngine;

/**
 * The JVM reference as an aws-lambda-java-core {@link RequestHandler}: CloudFront's viewer-request event in, the
 * request to forward or the response out, decided by the core with nimbus-jose-jwt verifying tokens. For JVM-side
 * use (tools, tests, a local site) — never attached to CloudFront: Lambda@Edge runs only Node.js and Python, so the
 * deployable authorizer is the TeaVM bundle.
 */
public final class ReferenceHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    /** System property naming a resolved config file (the {@code config.json} that edge-bundle writes). */
    public static final String CONFIG_PROPERTY = "edgeauth.config";

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final EdgeHandler handler;
    private final HttpTransport transport = new HttpTransport();

    /** Reads the config named by the {@code edgeauth.config} system property; wall clock; log to stderr. */
    public ReferenceHandler() {
        this(readConfig(System.getProperty(CONFIG_PROPERTY)), System::currentTimeMillis, System.err::println);
    }

    /**
     * @param resolvedConfig the config with its JWKS inline
     * @throws site.paywall.edge.jvm.engine.InvalidConfigException when it does not validate
     */
    public ReferenceHandler(JsonNode resolvedConfig, LongSupplier clockMillis, Consumer<String> log) {
        JvmPlatform platform = new JvmPlatform(clockMillis, log);
        EdgeConfig config = JvmEngine.validate(resolvedConfig, platform);
        this.handler = EdgeHandler.withVerifier(platform, config, new NimbusTokenVerifier(config));
    }

    /** The result for CloudFront; a sign-in step's Cognito call is made live, with java.net.http. */
    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        JacksonJson tree = new JacksonJson(JvmPlatform.STRICT_JSON.valueToTree(event));
        Step step = handler.handle(tree);
        Json result = step instanceof Step.Result done ? done.result()
                : handler.resume(tree, new JacksonJson(CognitoCalls.perform(((JacksonJson) ((Step.Call) step).call())
                        .node(), transport, CognitoCalls::sleep)));
        return JvmPlatform.STRICT_JSON.convertValue(((JacksonJson) result).node(), MAP);
    }

    private static JsonNode readConfig(String path) {
        if (path == null || path.isBlank()) {
            throw new IllegalStateException("set -D" + CONFIG_PROPERTY + "=<config.json written by edge-bundle>");
        }
        try {
            return JvmPlatform.parse(Files.readString(Path.of(path), StandardCharsets.UTF_8))
                    .orElseThrow(() -> new IllegalStateException(path + " is not valid JSON"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }
}
