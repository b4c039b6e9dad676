package site.paywall.edge.jvm.cognito;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import site.paywall.edge.jvm.JvmPlatform;

/**
 * Performs a call the core describes, on the JVM — the twin of {@code perform} in the bundle's index.js, and kept
 * to the same rules so both engines answer the core alike: each attempt within {@code timeoutMillis}; a further
 * attempt (when {@code attempts} allows) only after a timeout, a network error or a 5xx, 100 ms later; an answer
 * larger than 64 KB counts as a network failure. Answers {@code {status, body, attempts, elapsedMillis}} or
 * {@code {failure: "timeout" | "network", attempts, elapsedMillis}}. The call's body (code, verifier, refresh token)
 * is never logged.
 */
public final class CognitoCalls {

    static final int MAX_ANSWER_CHARS = 64 * 1024;
    static final long PAUSE_BETWEEN_ATTEMPTS_MILLIS = 100;

    /** Pauses between attempts; recorded transports pass one that does not sleep. */
    public interface Pause {
        void pause(long millis);
    }

    private CognitoCalls() { }

    public static JsonNode perform(JsonNode call, CognitoTransport transport, Pause pause) {
        long started = System.nanoTime();
        int attempts = Math.max(1, call.path("attempts").asInt(1));
        int timeout = call.path("timeoutMillis").asInt(1000);
        ObjectNode answer = JvmPlatform.STRICT_JSON.createObjectNode();
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1) {
                pause.pause(PAUSE_BETWEEN_ATTEMPTS_MILLIS);
            }
            answer = JvmPlatform.STRICT_JSON.createObjectNode();
            CognitoTransport.Attempt result = transport.send(call, timeout);
            if (result instanceof CognitoTransport.Attempt.Answered answered) {
                if (answered.body().length() > MAX_ANSWER_CHARS) {
                    answer.put("failure", "network");
                } else {
                    answer.put("status", answered.status()).put("body", answered.body());
                }
                answer.put("attempts", attempt);
                if (answered.status() < 500) {
                    break;
                }
            } else {
                answer.put("failure", result instanceof CognitoTransport.Attempt.TimedOut ? "timeout" : "network")
                        .put("attempts", attempt);
            }
        }
        answer.put("elapsedMillis", (System.nanoTime() - started) / 1_000_000);
        return answer;
    }

    /** Really sleeps: for live calls. */
    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
