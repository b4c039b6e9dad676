package site.paywall.edge.core.token;

/** A token's verdict. */
public sealed interface Verification permits Verification.Verified, Verification.Rejected {

    record Verified(Identity identity) implements Verification { }

    /** {@code reason} names the failed check; it never contains the token or its signature. */
    record Rejected(String reason) implements Verification { }
}
