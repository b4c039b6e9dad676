package site.paywall.payingcustomers.membership;

/** The result of create-group: created now, or already there (with the description it has). */
public record GroupCreation(boolean created, String description) {
}
