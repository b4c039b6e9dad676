package site.paywall.payingcustomers.membership;

/** What a grant or revoke did (or, in a dry run, would do) to the membership. */
public enum Effect {
    ADDED("added"),
    ALREADY_MEMBER("already-member"),
    WOULD_ADD("would-add"),
    REMOVED("removed"),
    NOT_MEMBER("not-member"),
    WOULD_REMOVE("would-remove");

    private final String label;

    Effect(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
