package site.paywall.payingcustomers.cognito;

import java.time.Duration;

/**
 * How often and how patiently to retry throttled or unavailable calls: exponential backoff from
 * {@code baseDelay}, capped at {@code maxDelay}, with "equal jitter" (half fixed, half random) so that several
 * admins' scripts do not retry in lockstep.
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {

    public static final int DEFAULT_MAX_ATTEMPTS = 5;

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    public static RetryPolicy standard(int maxAttempts) {
        return new RetryPolicy(maxAttempts, Duration.ofMillis(250), Duration.ofSeconds(8));
    }

    /** Delay before retry number {@code retry} (1 = the first retry), given a random number in [0, 1). */
    public Duration delayBefore(int retry, double random) {
        long capped = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(retry - 1, 20));
        long half = capped / 2;
        return Duration.ofMillis(half + (long) (random * (capped - half)));
    }
}
