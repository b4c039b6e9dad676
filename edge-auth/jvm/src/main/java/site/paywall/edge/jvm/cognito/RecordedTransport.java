package site.paywall.edge.jvm.cognito;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import site.paywall.edge.jvm.JvmPlatform;

/**
 * Recorded Cognito answers, one per attempt, for replays, fixtures and the fuzzer: {@code {"status": 200, "body":
 * "..."}} (a body that is JSON rather than a string is sent as its text), {@code {"timeout": true}} or
 * {@code {"networkError": true}}. An attempt with no recorded answer left is a network error. Every attempt is
 * recorded ({@code url}, {@code method}, {@code headers}, {@code body}) so tests can compare what each engine asked
 * Cognito for — the bundle's runner records the same from its fetch.
 */
public final class RecordedTransport implements CognitoTransport {

    private final List<JsonNode> answers;
    private final List<JsonNode> calls = new ArrayList<>();
    private int next;

    public RecordedTransport(List<JsonNode> answers) {
        this.answers = List.copyOf(answers);
    }

    @Override
    public Attempt send(JsonNode call, int timeoutMillis) {
        ObjectNode made = JvmPlatform.STRICT_JSON.createObjectNode();
        made.put("url", call.path("url").asText());
        made.put("method", call.path("method").asText());
        made.set("headers", call.path("headers").deepCopy());
        made.put("body", call.path("body").asText());
        calls.add(made);
        if (next >= answers.size()) {
            return new Attempt.Unreachable();
        }
        JsonNode answer = answers.get(next++);
        if (answer.path("timeout").asBoolean(false)) {
            return new Attempt.TimedOut();
        }
        if (answer.path("networkError").asBoolean(false) || !answer.path("status").canConvertToInt()) {
            return new Attempt.Unreachable();
        }
        JsonNode body = answer.path("body");
        String text = body.isTextual() ? body.textValue()
                : body.isMissingNode() || body.isNull() ? "" : body.toString();
        return new Attempt.Answered(answer.get("status").asInt(), text);
    }

    /** The attempts made so far, in order. */
    public List<JsonNode> calls() {
        return List.copyOf(calls);
    }
}
