package site.paywall.payingcustomers.membership;

/** An audit line could not be written. The run must stop before its next change. */
public final class AuditLogException extends RuntimeException {
    public AuditLogException(String message) {
        super(message, null, false, false);
    }
}
