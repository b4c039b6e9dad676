package site.paywall.payingcustomers.cognito;

/**
 * Carries a {@link Failure} out of a {@link CognitoPort} call. The membership layer catches it and turns it into a
 * typed outcome; it never reaches the admin as a stack trace.
 */
public final class CognitoFailure extends RuntimeException {
    private final transient Failure failure;
    private final String reason;

    public CognitoFailure(FailureKind kind, String message) {
        this(kind, message, message);
    }

    /**
     * @param reason the failure itself, without what the retry layer added (attempts, time, advice), for messages
     *               that quote it inside another
     */
    public CognitoFailure(FailureKind kind, String message, String reason) {
        super(message, null, false, false);
        this.failure = new Failure(kind, message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }

    public Failure failure() {
        return failure;
    }

    public FailureKind kind() {
        return failure.kind();
    }
}
