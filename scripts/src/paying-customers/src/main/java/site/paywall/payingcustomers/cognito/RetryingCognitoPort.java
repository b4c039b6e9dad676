package site.paywall.payingcustomers.cognito;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * Retries throttled and unavailable calls with backoff. The SDK's own retries are switched off (see
 * {@code CognitoClients}) so that this is the one place that decides, and the tests can pin it. Every call the tool
 * makes is idempotent (add, remove and sign-out can be repeated; CreateGroup reports "exists"), so a retry after
 * a lost response does no harm.
 */
public final class RetryingCognitoPort implements CognitoPort {
    private final CognitoPort delegate;
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final DoubleSupplier random;

    public RetryingCognitoPort(CognitoPort delegate, RetryPolicy policy, Sleeper sleeper, DoubleSupplier random) {
        this.delegate = delegate;
        this.policy = policy;
        this.sleeper = sleeper;
        this.random = random;
    }

    private <T> T retry(Supplier<T> call) {
        Duration waited = Duration.ZERO;
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (CognitoFailure e) {
                if (!e.kind().retryable()) {
                    throw e;
                }
                if (attempt >= policy.maxAttempts()) {
                    throw new CognitoFailure(e.kind(), e.getMessage() + "; gave up after " + attempt
                            + (attempt == 1 ? " attempt" : " attempts over " + seconds(waited))
                            + (e.kind() == FailureKind.THROTTLED
                                    ? ". Wait a minute and run the command again, or raise --max-attempts"
                                    : ". Check --endpoint-url, the network, or the AWS status page"));
                }
                Duration delay = policy.delayBefore(attempt, random.getAsDouble());
                try {
                    sleeper.sleep(delay);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new CognitoFailure(e.kind(), e.getMessage() + "; interrupted while waiting to retry");
                }
                waited = waited.plus(delay);
            }
        }
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private void retryVoid(Runnable call) {
        retry(() -> {
            call.run();
            return null;
        });
    }

    @Override
    public String describePool() {
        return retry(delegate::describePool);
    }

    @Override
    public Optional<GroupInfo> findGroup(String group) {
        return retry(() -> delegate.findGroup(group));
    }

    @Override
    public boolean createGroup(String group, String description) {
        return retry(() -> delegate.createGroup(group, description));
    }

    @Override
    public List<PoolUser> findUsers(String attribute, String value) {
        return retry(() -> delegate.findUsers(attribute, value));
    }

    @Override
    public List<String> groupsOf(String username) {
        return retry(() -> delegate.groupsOf(username));
    }

    @Override
    public void addToGroup(String group, String username) {
        retryVoid(() -> delegate.addToGroup(group, username));
    }

    @Override
    public void removeFromGroup(String group, String username) {
        retryVoid(() -> delegate.removeFromGroup(group, username));
    }

    @Override
    public void globalSignOut(String username) {
        retryVoid(() -> delegate.globalSignOut(username));
    }

    @Override
    public MemberPage membersPage(String group, int limit, Optional<String> nextToken) {
        return retry(() -> delegate.membersPage(group, limit, nextToken));
    }

    @Override
    public List<String> appClientIds() {
        return retry(delegate::appClientIds);
    }

    @Override
    public AppClientTokens appClientTokens(String clientId) {
        return retry(() -> delegate.appClientTokens(clientId));
    }
}
