package site.paywall.payingcustomers.cognito;

import java.util.Objects;

/** An expected failure: what kind it is and a message an admin can act on. */
public record Failure(FailureKind kind, String message) {
    public Failure {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }
}
