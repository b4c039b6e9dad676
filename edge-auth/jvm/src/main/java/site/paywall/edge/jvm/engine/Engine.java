package site.paywall.edge.jvm.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.OptionalLong;

/**
 * One way to run the authorizer on an event: {@link JvmEngine} (the nimbus-jose-jwt reference, or the edge's own
 * core on the JVM) or {@link BundleEngine} (the TeaVM bundle under Node). Replay, the conformance tests and the
 * fuzzer drive all of them through this.
 */
public interface Engine extends AutoCloseable {

    /**
     * What the handler returns to CloudFront for {@code event}, with the clock pinned to {@code nowMillis} when
     * given, Cognito answered and randomness drawn as {@code script} says. A sign-in step that needs Cognito is
     * performed by the engine's own adapter (index.js in the bundle, {@code CognitoCalls} on the JVM) against the
     * script's answers. The event is not modified.
     */
    EngineResult handle(JsonNode event, OptionalLong nowMillis, CognitoScript script);

    /** {@link #handle(JsonNode, OptionalLong, CognitoScript)} with no Cognito and real randomness. */
    default EngineResult handle(JsonNode event, OptionalLong nowMillis) {
        return handle(event, nowMillis, CognitoScript.NONE);
    }

    String name();

    @Override
    void close();
}
