package site.paywall.edge.jvm.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.OptionalLong;

/**
 * One way to run the authorizer on an event: {@link JvmEngine} (the JVM reference) or {@link BundleEngine} (the
 * TeaVM bundle under Node). Replay, the conformance tests and the fuzzer drive both through this.
 */
public interface Engine extends AutoCloseable {

    /**
     * What the handler returns to CloudFront for {@code event}, with the clock pinned to {@code nowMillis} when
     * given. The event is not modified.
     */
    EngineResult handle(JsonNode event, OptionalLong nowMillis);

    String name();

    @Override
    void close();
}
