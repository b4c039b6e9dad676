package site.paywall.payingcustomers.membership;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import site.paywall.payingcustomers.cognito.CognitoFailure;
import site.paywall.payingcustomers.cognito.CognitoPort;
import site.paywall.payingcustomers.cognito.Failure;
import site.paywall.payingcustomers.cognito.FailureKind;
import site.paywall.payingcustomers.cognito.GroupInfo;
import site.paywall.payingcustomers.cognito.MemberPage;
import site.paywall.payingcustomers.cognito.PoolUser;
import site.paywall.payingcustomers.membership.AuditLog.Result;

/**
 * Membership of one group in one pool: the operations behind the commands.
 *
 * <p>Every change is audited twice: an intent line before the call and an outcome line after it. When Cognito's
 * answer is lost (unavailable, timeout), the state is read back and the outcome says what is true: applied, not
 * applied, or unknown when the read-back fails too. A dry run keeps the memberships it has predicted so far, so
 * that a file naming one user twice is predicted in order.
 */
public final class GroupMembership {
    private final CognitoPort port;
    private final String poolId;
    private final String group;
    private final AuditLog audit;
    private final UserResolver resolver;
    /** Dry run only: each user's membership as the lines simulated so far leave it. */
    private final Map<String, Boolean> simulated = new HashMap<>();

    /** What reading the state back after a lost answer showed. */
    private enum ReadBack { APPLIED, NOT_APPLIED, UNKNOWN }

    private record Lost(ReadBack state, String readBackError) {
    }

    /** Says whether a user was already claimed by an earlier line with another action; empty when not. */
    @FunctionalInterface
    public interface Claims {
        Optional<String> conflict(String username, Action action);
    }

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

    public Change apply(Action action, String requested, ChangeOptions options, Optional<AuditSource> source,
                        Claims claims) {
        Optional<String> username = Optional.empty();
        String user;
        boolean member;
        try {
            user = resolver.resolve(requested).username();
            username = Optional.of(user);
            Optional<String> conflict = claims.conflict(user, action);
            if (conflict.isPresent()) {
                return new Change.Failed(requested, username, action, new Failure(FailureKind.CONFLICT, conflict.get()),
                        Optional.empty());
            }
            member = isMember(user, options.dryRun());
        } catch (CognitoFailure e) {
            return new Change.Failed(requested, username, action, e.failure(), Optional.empty());
        }
        return action == Action.GRANT
                ? grant(requested, user, member, options, source)
                : revoke(requested, user, member, options, source);
    }

    private boolean isMember(String username, boolean dryRun) {
        if (dryRun && simulated.containsKey(username)) {
            return simulated.get(username);
        }
        return port.groupsOf(username).contains(group);
    }

    private Optional<String> simulatedNote(String username, boolean dryRun) {
        return dryRun && simulated.containsKey(username)
                ? Optional.of("as the lines above would leave it") : Optional.empty();
    }

    private Change grant(String requested, String user, boolean member, ChangeOptions options,
                         Optional<AuditSource> source) {
        if (member) {
            return new Change.Done(requested, user, Action.GRANT, Effect.ALREADY_MEMBER, options.dryRun(),
                    simulatedNote(user, options.dryRun()));
        }
        if (options.dryRun()) {
            Optional<String> note = simulatedNote(user, true);
            simulated.put(user, true);
            return new Change.Done(requested, user, Action.GRANT, Effect.WOULD_ADD, true, note);
        }
        String id;
        try {
            id = audit.intent("grant", Optional.of(user), source);
        } catch (AuditLogException e) {
            return notStarted(requested, user, Action.GRANT, e);
        }
        try {
            port.addToGroup(group, user);
        } catch (CognitoFailure e) {
            if (e.kind() != FailureKind.UNAVAILABLE) {
                return outcome(id, "grant", requested, user, Action.GRANT, source, Result.FAILED,
                        Optional.of(e.getMessage()), Optional.empty(),
                        new Change.Failed(requested, Optional.of(user), Action.GRANT, e.failure(), Optional.empty()));
            }
            Lost lost = readBackMembership(user, true);
            return switch (lost.state()) {
                case APPLIED -> outcome(id, "grant", requested, user, Action.GRANT, source, Result.OK, Optional.empty(),
                        Optional.of("applied"), new Change.Done(requested, user, Action.GRANT, Effect.ADDED, false,
                                Optional.of(lostAnswerNote(e, "in the group"))));
                case NOT_APPLIED -> outcome(id, "grant", requested, user, Action.GRANT, source, Result.FAILED,
                        Optional.of(e.getMessage()), Optional.of("not-applied"), new Change.Failed(requested,
                                Optional.of(user), Action.GRANT, notApplied(e, "not in the group"), Optional.empty()));
                case UNKNOWN -> unknown(id, "grant", requested, user, Action.GRANT, source, e, lost);
            };
        }
        return outcome(id, "grant", requested, user, Action.GRANT, source, Result.OK, Optional.empty(),
                Optional.empty(), new Change.Done(requested, user, Action.GRANT, Effect.ADDED, false));
    }

    /**
     * Removes the user from the group, then signs them out everywhere so refresh tokens stop working. A user who is
     * not a member is left alone unless {@code signOutAnyway}: a global sign-out of someone unrelated logs them out
     * of every device.
     */
    private Change revoke(String requested, String user, boolean member, ChangeOptions options,
                          Optional<AuditSource> source) {
        if (options.dryRun()) {
            Optional<String> note = simulatedNote(user, true);
            if (member) {
                simulated.put(user, false);
                return new Change.Done(requested, user, Action.REVOKE, Effect.WOULD_REMOVE, true, note);
            }
            return new Change.Done(requested, user, Action.REVOKE,
                    options.signOutAnyway() ? Effect.WOULD_SIGN_OUT : Effect.NOT_MEMBER, true, note);
        }
        if (!member && !options.signOutAnyway()) {
            return new Change.Done(requested, user, Action.REVOKE, Effect.NOT_MEMBER, false);
        }
        Optional<String> note = Optional.empty();
        if (member) {
            String id;
            try {
                id = audit.intent("revoke", Optional.of(user), source);
            } catch (AuditLogException e) {
                return notStarted(requested, user, Action.REVOKE, e);
            }
            try {
                port.removeFromGroup(group, user);
                Optional<Change> unaudited = recordOutcome(id, "revoke", requested, user, Action.REVOKE, source,
                        Result.OK, Optional.empty(), Optional.empty(), Effect.REMOVED);
                if (unaudited.isPresent()) {
                    return unaudited.get();
                }
            } catch (CognitoFailure e) {
                if (e.kind() != FailureKind.UNAVAILABLE) {
                    return outcome(id, "revoke", requested, user, Action.REVOKE, source, Result.FAILED,
                            Optional.of(e.getMessage()), Optional.empty(), new Change.Failed(requested,
                                    Optional.of(user), Action.REVOKE, e.failure(), Optional.empty()));
                }
                Lost lost = readBackMembership(user, false);
                switch (lost.state()) {
                    case NOT_APPLIED -> {
                        return outcome(id, "revoke", requested, user, Action.REVOKE, source, Result.FAILED,
                                Optional.of(e.getMessage()), Optional.of("not-applied"), new Change.Failed(requested,
                                        Optional.of(user), Action.REVOKE, notApplied(e, "still in the group"),
                                        Optional.empty()));
                    }
                    case UNKNOWN -> {
                        return unknown(id, "revoke", requested, user, Action.REVOKE, source, e, lost);
                    }
                    case APPLIED -> {
                        Optional<Change> unaudited = recordOutcome(id, "revoke", requested, user, Action.REVOKE,
                                source, Result.OK, Optional.empty(), Optional.of("applied"), Effect.REMOVED);
                        if (unaudited.isPresent()) {
                            return unaudited.get();
                        }
                        note = Optional.of(lostAnswerNote(e, "no longer in the group"));
                    }
                }
            }
        }
        Effect effect = member ? Effect.REMOVED : Effect.SIGNED_OUT;
        return signOut(requested, user, member, effect, note, source);
    }

    private Change signOut(String requested, String user, boolean removed, Effect effect, Optional<String> note,
                           Optional<AuditSource> source) {
        String id;
        try {
            id = audit.intent("sign-out", Optional.of(user), source);
        } catch (AuditLogException e) {
            String what = removed ? " The removal stands; the sign-out was not attempted." : "";
            return new Change.Failed(requested, Optional.of(user), Action.REVOKE,
                    new Failure(FailureKind.AUDIT_LOG, e.getMessage() + "." + what + " No further change is made"),
                    removed ? Optional.of(Effect.REMOVED) : Optional.empty());
        }
        try {
            port.globalSignOut(user);
        } catch (CognitoFailure e) {
            if (e.kind() == FailureKind.NOT_SUPPORTED) {
                String what = removed ? "removed from group '" + group + "'; " : "not a member of '" + group + "'; ";
                Failure failure = new Failure(FailureKind.SIGN_OUT_FAILED, what + "global sign-out is not available"
                        + " on this endpoint (" + e.getMessage() + "). Refresh tokens keep working until they expire;"
                        + " on AWS, revoke also signs the user out everywhere.");
                return outcome(id, "sign-out", requested, user, Action.REVOKE, source, Result.FAILED,
                        Optional.of(e.getMessage()), Optional.empty(), new Change.Failed(requested, Optional.of(user),
                                Action.REVOKE, failure, Optional.of(removed ? Effect.REMOVED : Effect.NOT_MEMBER)));
            }
            boolean lost = e.kind() == FailureKind.UNAVAILABLE;
            String what = removed ? "removed from group '" + group + "', but" : "not a member of '" + group + "';";
            Failure failure = new Failure(FailureKind.SIGN_OUT_FAILED, what + " the global sign-out "
                    + (lost ? "got no answer, so it may or may not have happened" : "failed") + " ("
                    + e.kind().label() + ": " + e.getMessage() + "). "
                    + (removed ? "The removal stands. " : "")
                    + "Refresh tokens keep working until a sign-out succeeds: run revoke again with --sign-out-anyway"
                    + " for this user.");
            return outcome(id, "sign-out", requested, user, Action.REVOKE, source,
                    lost ? Result.UNKNOWN : Result.FAILED, Optional.of(e.getMessage()), Optional.empty(),
                    new Change.Failed(requested, Optional.of(user), Action.REVOKE, failure,
                            Optional.of(removed ? Effect.REMOVED : Effect.NOT_MEMBER)));
        }
        return outcome(id, "sign-out", requested, user, Action.REVOKE, source, Result.OK, Optional.empty(),
                Optional.empty(), new Change.Done(requested, user, Action.REVOKE, effect, false, note));
    }

    /** Reads the membership back after a lost answer; {@code appliedMeansMember} is true for a grant. */
    private Lost readBackMembership(String user, boolean appliedMeansMember) {
        try {
            boolean memberNow = port.groupsOf(user).contains(group);
            return new Lost(memberNow == appliedMeansMember ? ReadBack.APPLIED : ReadBack.NOT_APPLIED, "");
        } catch (CognitoFailure readBack) {
            return new Lost(ReadBack.UNKNOWN, readBack.reason());
        }
    }

    private static String lostAnswerNote(CognitoFailure e, String state) {
        return "Cognito's answer was lost (" + e.kind().label() + "); reading the membership back shows the user "
                + state;
    }

    private static Failure notApplied(CognitoFailure e, String state) {
        return new Failure(e.kind(), e.getMessage() + ". Read back: " + state + ", so nothing changed");
    }

    private Change unknown(String id, String auditAction, String requested, String user, Action action,
                           Optional<AuditSource> source, CognitoFailure e, Lost lost) {
        Failure failure = new Failure(e.kind(), e.getMessage() + ". Reading the membership back failed too ("
                + lost.readBackError() + "): the " + auditAction + " may or may not have been applied; check with:"
                + " paying-customers status " + user);
        return outcome(id, auditAction, requested, user, action, source, Result.UNKNOWN,
                Optional.of(failure.message()), Optional.empty(), new Change.Unknown(requested, user, action, failure));
    }

    private static Change notStarted(String requested, String user, Action action, AuditLogException e) {
        return new Change.Failed(requested, Optional.of(user), action, new Failure(FailureKind.AUDIT_LOG,
                e.getMessage() + "; nothing was changed for this user, and no further change is made"),
                Optional.empty());
    }

    /** Writes the outcome line and returns {@code change}, or the failure that stops the run when it cannot. */
    private Change outcome(String id, String auditAction, String requested, String user, Action action,
                           Optional<AuditSource> source, Result result, Optional<String> error,
                           Optional<String> readBack, Change change) {
        Effect effect = change instanceof Change.Done done ? done.effect() : Effect.ADDED;
        return recordOutcome(id, auditAction, requested, user, action, source, result, error, readBack, effect)
                .orElse(change);
    }

    /**
     * Writes the outcome line. If it cannot be written, returns the failure that stops the run: for a change that
     * went through ({@code result} ok), with {@code effect} as what happened.
     */
    private Optional<Change> recordOutcome(String id, String auditAction, String requested, String user,
                                           Action action, Optional<AuditSource> source, Result result,
                                           Optional<String> error, Optional<String> readBack, Effect effect) {
        try {
            audit.outcome(id, auditAction, Optional.of(user), source, result, error, readBack);
            return Optional.empty();
        } catch (AuditLogException e) {
            String what = switch (result) {
                case OK -> "The " + auditAction + " was applied";
                case UNKNOWN -> "The " + auditAction + " may have been applied";
                default -> "The " + auditAction + " was not applied";
            };
            return Optional.of(new Change.Failed(requested, Optional.of(user), action,
                    new Failure(FailureKind.AUDIT_LOG, e.getMessage() + ". " + what + "; its intent line (id " + id
                            + ") is in the trail without an outcome. No further change is made"),
                    result == Result.OK ? Optional.of(effect) : Optional.empty()));
        }
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
        String id;
        try {
            id = audit.intent("create-group", Optional.empty(), Optional.empty());
        } catch (AuditLogException e) {
            throw new CognitoFailure(FailureKind.AUDIT_LOG, e.getMessage() + "; the group was not created");
        }
        boolean created;
        try {
            created = port.createGroup(group, description);
        } catch (CognitoFailure e) {
            if (e.kind() != FailureKind.UNAVAILABLE) {
                groupOutcome(id, Result.FAILED, Optional.of(e.getMessage()), Optional.empty());
                throw e;
            }
            Optional<GroupInfo> now;
            try {
                now = port.findGroup(group);
            } catch (CognitoFailure readBack) {
                String message = e.getMessage() + ". Reading the group back failed too (" + readBack.reason()
                        + "): it may or may not exist now; create-group is safe to run again";
                groupOutcome(id, Result.UNKNOWN, Optional.of(message), Optional.empty());
                throw new CognitoFailure(FailureKind.UNAVAILABLE, message);
            }
            if (now.isEmpty()) {
                groupOutcome(id, Result.FAILED, Optional.of(e.getMessage()), Optional.of("not-applied"));
                throw new CognitoFailure(e.kind(), e.getMessage() + ". Read back: the group does not exist, so"
                        + " nothing changed");
            }
            groupOutcome(id, Result.OK, Optional.empty(), Optional.of("applied"));
            return new GroupCreation(true, now.get().description(), Optional.of("CreateGroup's answer was lost ("
                    + e.kind().label() + "); reading the group back shows it exists"));
        }
        if (!created) {
            // Someone else created it between our check and our call.
            groupOutcome(id, Result.UNCHANGED, Optional.of("the group already existed (created meanwhile by someone"
                    + " else)"), Optional.empty());
            return new GroupCreation(false, port.findGroup(group).map(GroupInfo::description).orElse(""));
        }
        groupOutcome(id, Result.OK, Optional.empty(), Optional.empty());
        return new GroupCreation(true, description);
    }

    private void groupOutcome(String id, Result result, Optional<String> error, Optional<String> readBack) {
        try {
            audit.outcome(id, "create-group", Optional.empty(), Optional.empty(), result, error, readBack);
        } catch (AuditLogException e) {
            throw new CognitoFailure(FailureKind.AUDIT_LOG, e.getMessage() + "; create-group's intent line (id " + id
                    + ") is in the trail without an outcome (result would have been " + result.label() + ")");
        }
    }

    public TokenLifetime tokenLifetime() {
        return TokenLifetime.read(port);
    }
}
