package site.paywall.payingcustomers.cognito;

import java.util.List;
import java.util.Optional;

/** One page of ListUsersInGroup; {@code nextToken} is empty on the last page. */
public record MemberPage(List<PoolUser> members, Optional<String> nextToken) {
}
