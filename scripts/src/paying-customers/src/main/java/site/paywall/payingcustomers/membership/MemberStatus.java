package site.paywall.payingcustomers.membership;

import java.util.List;
import site.paywall.payingcustomers.cognito.PoolUser;

/** What {@code status USER} reports. */
public record MemberStatus(String requested, PoolUser user, boolean member, List<String> groups) {
}
