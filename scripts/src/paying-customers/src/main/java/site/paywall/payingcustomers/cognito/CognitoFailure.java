package site.paywall.payingcustomers.cognito;

/**
 * Carries a {@link Failure} out of a {@link CognitoPort} call. The membership layer catches it and turns it into a
 * typed outcome; it never reaches the admin as a stack trace.
 */
public final class CognitoFailure extends RuntimeException {
    private final transient Failure failure;

    public CognitoFailure(FailureKind kind, String message) {
        super(message, null, false, false);
        this.failure = new Failure(kind, message);
    }

    public Failure failure() {
        return failure;
    }

    public FailureKind kind() {
        return failure.kind();
    }
}
