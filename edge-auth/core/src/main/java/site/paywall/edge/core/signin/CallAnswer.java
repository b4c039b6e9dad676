package site.paywall.edge.core.signin;

import java.util.Optional;
import site.paywall.edge.core.Json;

/**
 * What the adapter brings back from a {@link CognitoCall}: Cognito's answer (status and body, after the adapter's
 * retries), or why there is none. Read from the adapter's JSON {@code {"status": 200, "body": "..."}} or
 * {@code {"failure": "timeout" | "network"}}, each with {@code "attempts"}; anything else reads as a failure, so a
 * broken adapter can only ever end a step in an error page.
 */
public sealed interface CallAnswer permits CallAnswer.Answered, CallAnswer.Failed {

    int attempts();

    record Answered(int status, String body, int attempts) implements CallAnswer { }

    /** {@code kind}: "timeout", "network", or "unreadable answer" when the adapter's JSON was not understood. */
    record Failed(String kind, int attempts) implements CallAnswer { }

    static CallAnswer read(Json answer) {
        int attempts = wholeNumber(answer, "attempts").orElse(1);
        Optional<Integer> status = wholeNumber(answer, "status");
        Optional<String> body = answer.string("body");
        if (status.isPresent() && status.get() >= 100 && status.get() <= 599 && body.isPresent()) {
            return new Answered(status.get(), body.get(), attempts);
        }
        Optional<String> failure = answer.string("failure");
        if (failure.isPresent() && (failure.get().equals("timeout") || failure.get().equals("network"))) {
            return new Failed(failure.get(), attempts);
        }
        return new Failed("unreadable answer", attempts);
    }

    private static Optional<Integer> wholeNumber(Json object, String name) {
        Optional<Json> value = object.isObject() ? object.get(name) : Optional.empty();
        if (value.isEmpty() || !value.get().isNumber()) {
            return Optional.empty();
        }
        double number = value.get().numberValue();
        return number >= 0 && number <= 1000 && number == Math.floor(number) ? Optional.of((int) number)
                : Optional.empty();
    }
}
