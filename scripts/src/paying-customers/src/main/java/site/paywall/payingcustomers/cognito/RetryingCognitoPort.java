package site.paywall.payingcustomers.cognito;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import site.paywall.payingcustomers.output.Debug;

/**
 * Retries throttled and unavailable calls with backoff. The SDK's own retries are switched off (see
 * {@code AwsClients}) so that this is the one place that decides, and the tests can pin it.
 *
 * <p>Adding, removing and signing out can be repeated safely after a lost answer, so they are retried like reads.
 * CreateGroup is not retried after an unavailable answer: a repeat would answer "already exists" even when the
 * first attempt created the group, so the caller reads the group back instead.
 *
 * <p>Every unavailable answer counts towards the run's {@link OutageGuard}; once it reports an outage the call
 * gives up at once. The give-up message states the attempts and the real time they took, waits included.
 */
public final class RetryingCognitoPort implements CognitoPort {
    private final CognitoPort delegate;
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final DoubleSupplier random;
    private final OutageGuard guard;
    private final Ticker ticker;
    private final Debug debug;

    public RetryingCognitoPort(CognitoPort delegate, RetryPolicy policy, Sleeper sleeper, DoubleSupplier random) {
        this(delegate, policy, sleeper, random, new OutageGuard(), Ticker.SYSTEM, Debug.OFF);
    }

    public RetryingCognitoPort(CognitoPort delegate, RetryPolicy policy, Sleeper sleeper, DoubleSupplier random,
                               OutageGuard guard, Ticker ticker, Debug debug) {
        this.delegate = delegate;
        this.policy = policy;
        this.sleeper = sleeper;
        this.random = random;
        this.guard = guard;
        this.ticker = ticker;
        this.debug = debug;
    }

    private <T> T retry(String operation, boolean retryUnavailable, Supplier<T> call) {
        long start = ticker.nanoTime();
        for (int attempt = 1; ; attempt++) {
            try {
                T result = call.get();
                guard.answered();
                return result;
            } catch (CognitoFailure e) {
                if (e.kind() == FailureKind.UNAVAILABLE) {
                    guard.unavailable();
                } else {
                    guard.answered();
                }
                Duration spent = Duration.ofNanos(ticker.nanoTime() - start);
                boolean retryable = e.kind() == FailureKind.THROTTLED
                        || (e.kind() == FailureKind.UNAVAILABLE && retryUnavailable);
                if (!retryable) {
                    debug.log(operation + " attempt " + attempt + " failed after " + seconds(spent) + ": "
                            + e.kind().label() + " (not retried)");
                    throw e;
                }
                boolean outage = e.kind() == FailureKind.UNAVAILABLE && guard.outage();
                if (attempt >= policy.maxAttempts() || outage) {
                    throw giveUp(e, attempt, spent, outage);
                }
                Duration delay = policy.delayBefore(attempt, random.getAsDouble());
                debug.log(operation + " attempt " + attempt + " of " + policy.maxAttempts() + " failed after "
                        + seconds(spent) + ": " + e.kind().label() + "; retrying in " + seconds(delay));
                try {
                    sleeper.sleep(delay);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new CognitoFailure(e.kind(), e.getMessage() + "; interrupted while waiting to retry");
                }
            }
        }
    }

    private CognitoFailure giveUp(CognitoFailure e, int attempts, Duration spent, boolean outage) {
        String advice;
        if (e.kind() == FailureKind.THROTTLED) {
            advice = ". Wait a minute and run the command again, or raise --max-attempts";
        } else if (outage) {
            advice = " (" + guard.unavailableInARow() + " unavailable answers in a row: Cognito looks unreachable)."
                    + " Check --endpoint-url, the network, or the AWS status page";
        } else {
            advice = ". Check --endpoint-url, the network, or the AWS status page";
        }
        return new CognitoFailure(e.kind(), e.getMessage() + "; gave up after " + attempts
                + (attempts == 1 ? " attempt" : " attempts") + " over " + seconds(spent) + advice, e.reason());
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private void retryVoid(String operation, Runnable call) {
        retry(operation, true, () -> {
            call.run();
            return null;
        });
    }

    @Override
    public String describePool() {
        return retry("DescribeUserPool", true, delegate::describePool);
    }

    @Override
    public Optional<GroupInfo> findGroup(String group) {
        return retry("GetGroup", true, () -> delegate.findGroup(group));
    }

    @Override
    public boolean createGroup(String group, String description) {
        return retry("CreateGroup", false, () -> delegate.createGroup(group, description));
    }

    @Override
    public List<PoolUser> findUsers(String attribute, String value) {
        return retry("ListUsers", true, () -> delegate.findUsers(attribute, value));
    }

    @Override
    public List<String> groupsOf(String username) {
        return retry("AdminListGroupsForUser", true, () -> delegate.groupsOf(username));
    }

    @Override
    public void addToGroup(String group, String username) {
        retryVoid("AdminAddUserToGroup", () -> delegate.addToGroup(group, username));
    }

    @Override
    public void removeFromGroup(String group, String username) {
        retryVoid("AdminRemoveUserFromGroup", () -> delegate.removeFromGroup(group, username));
    }

    @Override
    public void globalSignOut(String username) {
        retryVoid("AdminUserGlobalSignOut", () -> delegate.globalSignOut(username));
    }

    @Override
    public MemberPage membersPage(String group, int limit, Optional<String> nextToken) {
        return retry("ListUsersInGroup", true, () -> delegate.membersPage(group, limit, nextToken));
    }

    @Override
    public List<String> appClientIds() {
        return retry("ListUserPoolClients", true, delegate::appClientIds);
    }

    @Override
    public AppClientTokens appClientTokens(String clientId) {
        return retry("DescribeUserPoolClient", true, () -> delegate.appClientTokens(clientId));
    }

    /** The principal is looked up once, for the audit line; a failure there must not hold up a change. */
    @Override
    public Optional<String> callerArn() {
        return delegate.callerArn();
    }
}
