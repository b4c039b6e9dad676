package site.paywall.payingcustomers.membership;

/** The import file and line a change came from, for its audit lines. */
public record AuditSource(String file, int line) {
}
