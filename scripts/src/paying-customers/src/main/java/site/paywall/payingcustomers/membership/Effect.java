package site.paywall.payingcustomers.membership;

/** What a grant or revoke did (or, in a dry run, would do) to the membership. */
public enum Effect {
    ADDED("added"),
    ALREADY_MEMBER("already-member"),
    WOULD_ADD("would-add"),
    REMOVED("removed"),
    /** Not a member, and nothing was done (no --sign-out-anyway). */
    NOT_MEMBER("not-member"),
    /** Not a member, signed out everywhere because --sign-out-anyway asked for it. */
    SIGNED_OUT("signed-out"),
    WOULD_REMOVE("would-remove"),
    WOULD_SIGN_OUT("would-sign-out");

    private final String label;

    Effect(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
