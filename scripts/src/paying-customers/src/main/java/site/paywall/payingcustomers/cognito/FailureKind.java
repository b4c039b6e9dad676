package site.paywall.payingcustomers.cognito;

/** The kinds of failure the tool tells apart; each has its own exit code (see {@code ExitCode}). */
public enum FailureKind {
    INVALID_INPUT("invalid-input"),
    UNKNOWN_POOL("unknown-pool"),
    UNKNOWN_GROUP("unknown-group"),
    UNKNOWN_USER("unknown-user"),
    AMBIGUOUS_USER("ambiguous-user"),
    /** Two lines of one run ask opposite things for one user; the later one is not carried out. */
    CONFLICT("conflict"),
    THROTTLED("throttled"),
    CREDENTIALS("credentials"),
    SIGN_OUT_FAILED("sign-out-failed"),
    ACCESS_DENIED("access-denied"),
    /** Network trouble, a timeout or a 5xx from the service: worth retrying. */
    UNAVAILABLE("unavailable"),
    /** The endpoint answered, but not like Cognito (404, 501, an HTML page): a wrong --endpoint-url. */
    NOT_COGNITO("not-cognito"),
    /**
     * The endpoint is a Cognito emulator that does not implement this call (cognito-local answers HTTP 500
     * "CognitoLocal#Unsupported", e.g. for AdminUserGlobalSignOut): never retried, it would fail the same way.
     */
    NOT_SUPPORTED("not-supported"),
    /** A TLS certificate (Cognito's, or STS's/SSO's behind a profile) is not trusted: a retry would fail alike. */
    UNTRUSTED_CERTIFICATE("untrusted-certificate"),
    /** The audit log could not be written: no further change may be made. */
    AUDIT_LOG("audit-log"),
    /** Ctrl-C: the run stopped after the call in flight. */
    INTERRUPTED("interrupted"),
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
        return switch (this) {
            case UNKNOWN_POOL, UNKNOWN_GROUP, CREDENTIALS, ACCESS_DENIED, NOT_COGNITO, UNTRUSTED_CERTIFICATE, AUDIT_LOG,
                    INTERRUPTED -> true;
            default -> false;
        };
    }

    /** Failures that a later attempt may not repeat. */
    public boolean retryable() {
        return this == THROTTLED || this == UNAVAILABLE;
    }
}
