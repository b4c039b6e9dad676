package site.paywall.edge.core.token;

/** A token's verdict. */
public sealed interface Verification permits Verification.Verified, Verification.Rejected {

    record Verified(Identity identity) implements Verification { }

    /**
     * {@code code} says which kind of check failed (the flow acts on it); {@code reason} names the check for the log.
     * Neither ever contains the token or its signature.
     */
    record Rejected(RejectionCode code, String reason) implements Verification { }
}
