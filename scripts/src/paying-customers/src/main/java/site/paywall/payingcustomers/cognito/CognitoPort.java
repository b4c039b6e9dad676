package site.paywall.payingcustomers.cognito;

import java.util.List;
import java.util.Optional;

/**
 * The Cognito calls the tool needs, for one user pool, plus sts:GetCallerIdentity for the audit line. Every method
 * either returns or throws {@link CognitoFailure}; nothing else escapes an implementation.
 */
public interface CognitoPort {

    /** DescribeUserPool: the pool's name; UNKNOWN_POOL when it does not exist. */
    String describePool();

    /** GetGroup: the group, or empty when it does not exist. */
    Optional<GroupInfo> findGroup(String group);

    /** CreateGroup: true when created, false when a group of that name already existed. */
    boolean createGroup(String group, String description);

    /** ListUsers with an exact-match filter on {@code attribute} ("username" or "email"); at most 60 users. */
    List<PoolUser> findUsers(String attribute, String value);

    /** AdminListGroupsForUser, all pages. */
    List<String> groupsOf(String username);

    void addToGroup(String group, String username);

    void removeFromGroup(String group, String username);

    /** AdminUserGlobalSignOut: refresh tokens of the user stop working. */
    void globalSignOut(String username);

    /** ListUsersInGroup, one page of at most {@code limit} users. */
    MemberPage membersPage(String group, int limit, Optional<String> nextToken);

    /** ListUserPoolClients, all pages: the app client ids. */
    List<String> appClientIds();

    /** DescribeUserPoolClient: token lifetimes of one app client. */
    AppClientTokens appClientTokens(String clientId);

    /** sts:GetCallerIdentity: the ARN the calls run as, for the audit line; empty when there is no STS client. */
    default Optional<String> callerArn() {
        return Optional.empty();
    }
}
