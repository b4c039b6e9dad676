package site.paywall.edge.jvm.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The handler's return value and the log lines it wrote while deciding. */
public record EngineResult(JsonNode result, List<String> log) {

    /** True when the result is a generated response rather than a request to forward. */
    public boolean isResponse() {
        return result.has("status");
    }

    /** The response status, or "forward". */
    public String outcome() {
        return isResponse() ? result.path("status").asText() : "forward";
    }
}
