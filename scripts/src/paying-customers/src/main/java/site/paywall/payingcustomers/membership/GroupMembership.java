package site.paywall.payingcustomers.membership;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import site.paywall.payingcustomers.cognito.CognitoFailure;
import site.paywall.payingcustomers.cognito.CognitoPort;
import site.paywall.payingcustomers.cognito.Failure;
import site.paywall.payingcustomers.cognito.FailureKind;
import site.paywall.payingcustomers.cognito.GroupInfo;
import site.paywall.payingcustomers.cognito.MemberPage;
import site.paywall.payingcustomers.cognito.PoolUser;

/** Membership of one group in one pool: the operations behind the commands, each change audited. */
public final class GroupMembership {
    private final CognitoPort port;
    private final String poolId;
    private final String group;
    private final AuditLog audit;
    private final UserResolver resolver;

    public GroupMembership(CognitoPort port, String poolId, String group, AuditLog audit) {
        this.port = port;
        this.poolId = poolId;
        this.group = group;
        this.audit = audit;
        this.resolver = new UserResolver(port, poolId);
    }

    public String poolId() {
        return poolId;
    }

    public String group() {
        return group;
    }

    /** Fails with UNKNOWN_POOL; done first so that later "not found" errors can only mean the group or user. */
    public void checkPool() {
        port.describePool();
    }

    public void checkPoolAndGroup() {
        checkPool();
        if (port.findGroup(group).isEmpty()) {
            throw new CognitoFailure(FailureKind.UNKNOWN_GROUP, "group '" + group + "' does not exist in pool "
                    + poolId + "; check --group, or create it with: paying-customers create-group");
        }
    }

    public Change grant(String requested, boolean dryRun) {
        Optional<String> username = Optional.empty();
        boolean attempted = false;
        try {
            PoolUser user = resolver.resolve(requested);
            username = Optional.of(user.username());
            if (port.groupsOf(user.username()).contains(group)) {
                return new Change.Done(requested, user.username(), Action.GRANT, Effect.ALREADY_MEMBER, dryRun);
            }
            if (dryRun) {
                return new Change.Done(requested, user.username(), Action.GRANT, Effect.WOULD_ADD, true);
            }
            attempted = true;
            port.addToGroup(group, user.username());
            audit.record(poolId, group, Optional.of(user.username()), "grant", Optional.empty());
            return new Change.Done(requested, user.username(), Action.GRANT, Effect.ADDED, false);
        } catch (CognitoFailure e) {
            if (attempted) {
                audit.record(poolId, group, username, "grant", Optional.of(e.getMessage()));
            }
            return new Change.Failed(requested, username, Action.GRANT, e.failure(), Optional.empty());
        }
    }

    /**
     * Removes the user from the group, then signs them out everywhere so refresh tokens stop working. The sign-out
     * runs even when the user was not a member: re-running revoke is how a failed sign-out is retried.
     */
    public Change revoke(String requested, boolean dryRun) {
        PoolUser user;
        boolean member;
        try {
            user = resolver.resolve(requested);
        } catch (CognitoFailure e) {
            return new Change.Failed(requested, Optional.empty(), Action.REVOKE, e.failure(), Optional.empty());
        }
        Optional<String> username = Optional.of(user.username());
        try {
            member = port.groupsOf(user.username()).contains(group);
        } catch (CognitoFailure e) {
            return new Change.Failed(requested, username, Action.REVOKE, e.failure(), Optional.empty());
        }
        if (dryRun) {
            return new Change.Done(requested, user.username(), Action.REVOKE,
                    member ? Effect.WOULD_REMOVE : Effect.NOT_MEMBER, true);
        }
        if (member) {
            try {
                port.removeFromGroup(group, user.username());
                audit.record(poolId, group, Optional.of(user.username()), "revoke", Optional.empty());
            } catch (CognitoFailure e) {
                audit.record(poolId, group, Optional.of(user.username()), "revoke", Optional.of(e.getMessage()));
                return new Change.Failed(requested, username, Action.REVOKE, e.failure(), Optional.empty());
            }
        }
        Effect effect = member ? Effect.REMOVED : Effect.NOT_MEMBER;
        try {
            port.globalSignOut(user.username());
            audit.record(poolId, group, Optional.of(user.username()), "sign-out", Optional.empty());
        } catch (CognitoFailure e) {
            audit.record(poolId, group, Optional.of(user.username()), "sign-out", Optional.of(e.getMessage()));
            String what = member ? "removed from group '" + group + "', but" : "not a member of '" + group + "';";
            Failure failure = new Failure(FailureKind.SIGN_OUT_FAILED, what + " the global sign-out failed ("
                    + e.kind().label() + ": " + e.getMessage() + "). "
                    + (member ? "The removal stands. " : "")
                    + "Refresh tokens keep working until a sign-out succeeds: run revoke again for this user.");
            return new Change.Failed(requested, username, Action.REVOKE, failure, Optional.of(effect));
        }
        return new Change.Done(requested, user.username(), Action.REVOKE, effect, false);
    }

    public Change apply(Action action, String requested, boolean dryRun) {
        return action == Action.GRANT ? grant(requested, dryRun) : revoke(requested, dryRun);
    }

    public MemberStatus status(String requested) {
        PoolUser user = resolver.resolve(requested);
        List<String> groups = port.groupsOf(user.username());
        return new MemberStatus(requested, user, groups.contains(group), groups);
    }

    /** Every member, following NextToken to the last page. */
    public List<PoolUser> members(int pageSize) {
        List<PoolUser> all = new ArrayList<>();
        Optional<String> next = Optional.empty();
        do {
            MemberPage page = port.membersPage(group, pageSize, next);
            all.addAll(page.members());
            next = page.nextToken();
        } while (next.isPresent());
        return all;
    }

    public GroupCreation createGroup(String description) {
        Optional<GroupInfo> existing = port.findGroup(group);
        if (existing.isPresent()) {
            return new GroupCreation(false, existing.get().description());
        }
        boolean created;
        try {
            created = port.createGroup(group, description);
        } catch (CognitoFailure e) {
            audit.record(poolId, group, Optional.empty(), "create-group", Optional.of(e.getMessage()));
            throw e;
        }
        if (!created) {
            // Someone else created it between our check and our call.
            return new GroupCreation(false, port.findGroup(group).map(GroupInfo::description).orElse(""));
        }
        audit.record(poolId, group, Optional.empty(), "create-group", Optional.empty());
        return new GroupCreation(true, description);
    }

    public TokenLifetime tokenLifetime() {
        return TokenLifetime.read(port);
    }
}
