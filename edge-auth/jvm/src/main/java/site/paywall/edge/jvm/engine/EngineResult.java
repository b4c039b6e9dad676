package site.paywall.edge.jvm.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The handler's return value, the log lines it wrote while deciding, every attempt it made at Cognito
 * ({@code {url, method, headers, body}}; empty when the event needed no call), and — for the bundle — how long the
 * handler took inside Node, in microseconds (-1 when not measured).
 */
public record EngineResult(JsonNode result, List<String> log, List<JsonNode> calls, long micros) {

    public EngineResult(JsonNode result, List<String> log, List<JsonNode> calls) {
        this(result, log, calls, -1);
    }

    public EngineResult(JsonNode result, List<String> log) {
        this(result, log, List.of(), -1);
    }

    /** True when the result is a generated response rather than a request to forward. */
    public boolean isResponse() {
        return result.has("status");
    }

    /** The response status, or "forward". */
    public String outcome() {
        return isResponse() ? result.path("status").asText() : "forward";
    }
}
