package site.paywall.payingcustomers.cognito;

/** The kinds of failure the tool tells apart; each has its own exit code (see {@code ExitCode}). */
public enum FailureKind {
    INVALID_INPUT("invalid-input"),
    UNKNOWN_POOL("unknown-pool"),
    UNKNOWN_GROUP("unknown-group"),
    UNKNOWN_USER("unknown-user"),
    AMBIGUOUS_USER("ambiguous-user"),
    THROTTLED("throttled"),
    CREDENTIALS("credentials"),
    SIGN_OUT_FAILED("sign-out-failed"),
    ACCESS_DENIED("access-denied"),
    /** Network trouble or a 5xx from the service: worth retrying. */
    UNAVAILABLE("unavailable"),
    AWS_ERROR("aws-error");

    private final String label;

    FailureKind(String label) {
        this.label = label;
    }

    /** Stable name used in JSON output and audit lines. */
    public String label() {
        return label;
    }

    /** Failures that would fail every following user the same way: a batch stops at the first one. */
    public boolean stopsBatch() {
        return this == UNKNOWN_POOL || this == UNKNOWN_GROUP || this == CREDENTIALS || this == ACCESS_DENIED;
    }

    /** Failures that a later attempt may not repeat. */
    public boolean retryable() {
        return this == THROTTLED || this == UNAVAILABLE;
    }
}
