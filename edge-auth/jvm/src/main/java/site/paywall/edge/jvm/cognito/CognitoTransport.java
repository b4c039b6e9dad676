package site.paywall.edge.jvm.cognito;

import com.fasterxml.jackson.databind.JsonNode;

/** One HTTP attempt of a Cognito call, as the core describes it ({@code CognitoCall.toJson}). */
public interface CognitoTransport {

    /** What one attempt gave: an HTTP answer, or no answer within the time or at all. */
    sealed interface Attempt permits Attempt.Answered, Attempt.TimedOut, Attempt.Unreachable {
        record Answered(int status, String body) implements Attempt { }

        record TimedOut() implements Attempt { }

        record Unreachable() implements Attempt { }
    }

    Attempt send(JsonNode call, int timeoutMillis);
}
