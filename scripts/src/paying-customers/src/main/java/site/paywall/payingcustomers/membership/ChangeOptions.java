package site.paywall.payingcustomers.membership;

/**
 * How a batch changes memberships.
 *
 * @param dryRun        predict, in order, and change nothing
 * @param signOutAnyway revoke signs a user out everywhere even when they are not a member
 */
public record ChangeOptions(boolean dryRun, boolean signOutAnyway) {
}
