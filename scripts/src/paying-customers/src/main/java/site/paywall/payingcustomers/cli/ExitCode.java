package site.paywall.payingcustomers.cli;

import java.util.Collection;
import site.paywall.payingcustomers.cognito.FailureKind;

/** Exit codes of the tool; README and {@code --help} list them from here. */
public enum ExitCode {
    OK(0, "success (also: nothing to change)"),
    PARTIAL(1, "some operations failed: import lines, or users failing for different reasons"),
    USAGE(2, "usage error: bad option, argument, config file or import file; nothing was changed"),
    UNKNOWN_POOL(3, "unknown user pool"),
    UNKNOWN_GROUP(4, "unknown group (create it with create-group)"),
    UNKNOWN_USER(5, "unknown or ambiguous user"),
    THROTTLED(6, "throttled by Cognito, still after retries with backoff"),
    CREDENTIALS(7, "AWS credentials missing, unreadable or rejected"),
    SIGN_OUT_FAILED(8, "revoke removed the user from the group, but the global sign-out failed"),
    ACCESS_DENIED(9, "the credentials are not allowed to make a call (IAM)"),
    AWS_ERROR(10, "Cognito unreachable, unavailable or not answering like Cognito, or another AWS error; an outage"
            + " stops a batch and prints the command to resume"),
    INTERNAL(11, "internal error: a bug in the tool (the only case with a stack trace)"),
    WRAPPER(12, "scripts/paying-customers could not build or start the tool"),
    AUDIT_LOG(13, "the audit log could not be written; the run stopped before its next change"),
    UNTRUSTED_CERTIFICATE(14, "a TLS certificate is not trusted (see AWS_CA_BUNDLE): Cognito's endpoint, or the STS"
            + " or SSO endpoint behind a profile; the tool does not retry it"),
    INTERRUPTED(130, "stopped by Ctrl-C after the call in flight; the summary says how to resume");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    public static ExitCode of(FailureKind kind) {
        return switch (kind) {
            case INVALID_INPUT -> USAGE;
            case UNKNOWN_POOL -> UNKNOWN_POOL;
            case UNKNOWN_GROUP -> UNKNOWN_GROUP;
            case UNKNOWN_USER, AMBIGUOUS_USER -> UNKNOWN_USER;
            case CONFLICT -> PARTIAL;
            case THROTTLED -> THROTTLED;
            case CREDENTIALS -> CREDENTIALS;
            case SIGN_OUT_FAILED -> SIGN_OUT_FAILED;
            case ACCESS_DENIED -> ACCESS_DENIED;
            case UNAVAILABLE, NOT_COGNITO, NOT_SUPPORTED, AWS_ERROR -> AWS_ERROR;
            case UNTRUSTED_CERTIFICATE -> UNTRUSTED_CERTIFICATE;
            case AUDIT_LOG -> AUDIT_LOG;
            case INTERRUPTED -> INTERRUPTED;
        };
    }

    /** OK when nothing failed; the shared code when all failures agree; PARTIAL when they differ. */
    public static ExitCode combine(Collection<ExitCode> failures) {
        if (failures.isEmpty()) {
            return OK;
        }
        return failures.stream().distinct().count() == 1 ? failures.iterator().next() : PARTIAL;
    }

    /** For the help footer: code to meaning, in order. */
    public static java.util.Map<String, String> helpMap() {
        java.util.Map<String, String> map = new java.util.LinkedHashMap<>();
        for (ExitCode c : values()) {
            map.put(String.format("%3d", c.code), c.meaning);
        }
        return map;
    }
}
