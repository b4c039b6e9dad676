package site.paywall.payingcustomers.cognito;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Throttling cannot be produced by moto: the port below the retry layer is a Mockito mock. */
class RetryingCognitoPortTest {
    private final CognitoPort cognito = mock(CognitoPort.class);
    private final List<Duration> sleeps = new ArrayList<>();
    private final RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(1000));

    private RetryingCognitoPort retrying(double random) {
        return new RetryingCognitoPort(cognito, policy, sleeps::add, () -> random);
    }

    private static CognitoFailure throttled() {
        return new CognitoFailure(FailureKind.THROTTLED,
                "AdminAddUserToGroup was throttled by Cognito (TooManyRequestsException)");
    }

    @Test
    void aThrottledCallIsRetriedWithGrowingDelaysUntilItSucceeds() {
        when(cognito.groupsOf("alice")).thenThrow(throttled(), throttled(), throttled()).thenReturn(List.of("g"));

        List<String> groups = retrying(0.999).groupsOf("alice");

        assertEquals(List.of("g"), groups);
        verify(cognito, times(4)).groupsOf("alice");
        // Upper ends of equal jitter: 100, 200, 400 ms (random just below 1).
        assertEquals(List.of(99L, 199L, 399L), sleeps.stream().map(Duration::toMillis).toList());
    }

    @Test
    void delaysStayWithinHalfToFullOfTheCappedExponential() {
        for (int retry = 1; retry <= 8; retry++) {
            long cap = Math.min(1000, 100L << (retry - 1));
            assertEquals(cap / 2, policy.delayBefore(retry, 0.0).toMillis());
            assertTrue(policy.delayBefore(retry, 0.999).toMillis() <= cap);
        }
    }

    @Test
    void persistentThrottlingGivesUpAfterMaxAttemptsWithAClearMessage() {
        when(cognito.describePool()).thenThrow(throttled());

        CognitoFailure failure = assertThrows(CognitoFailure.class, () -> retrying(0.5).describePool());

        assertEquals(FailureKind.THROTTLED, failure.kind());
        verify(cognito, times(5)).describePool();
        assertEquals(4, sleeps.size());
        assertTrue(failure.getMessage().contains("gave up after 5 attempts over"), failure.getMessage());
        assertTrue(failure.getMessage().contains("--max-attempts"), failure.getMessage());
    }

    @Test
    void unavailableIsRetriedToo() {
        when(cognito.describePool())
                .thenThrow(new CognitoFailure(FailureKind.UNAVAILABLE, "HTTP 503"))
                .thenReturn("pool");

        assertEquals("pool", retrying(0.5).describePool());
        assertEquals(1, sleeps.size());
    }

    @Test
    void otherFailuresAreNotRetried() {
        when(cognito.findUsers("username", "ghost"))
                .thenThrow(new CognitoFailure(FailureKind.UNKNOWN_USER, "no such user"));

        CognitoFailure failure = assertThrows(CognitoFailure.class, () -> retrying(0.5).findUsers("username", "ghost"));

        assertEquals(FailureKind.UNKNOWN_USER, failure.kind());
        verify(cognito, times(1)).findUsers("username", "ghost");
        assertTrue(sleeps.isEmpty());
    }

    @Test
    void mutatingCallsAreRetriedLikeReads() {
        org.mockito.Mockito.doThrow(throttled()).doNothing().when(cognito).addToGroup("paying-customers", "alice");

        retrying(0.5).addToGroup("paying-customers", "alice");

        verify(cognito, times(2)).addToGroup("paying-customers", "alice");
    }

    /** A clock that the fake sleeps and the fake calls move forward, so "real time spent" is known exactly. */
    private static final class FakeTime implements Ticker, Sleeper {
        long nanos;

        @Override
        public long nanoTime() {
            return nanos;
        }

        @Override
        public void sleep(Duration d) {
            nanos += d.toNanos();
        }

        void pass(Duration d) {
            nanos += d.toNanos();
        }
    }

    @Test
    void theGiveUpMessageStatesTheRealTimeSpentCallsIncluded() {
        FakeTime time = new FakeTime();
        when(cognito.describePool()).thenAnswer(call -> {
            time.pass(Duration.ofSeconds(10)); // a read timeout
            throw new CognitoFailure(FailureKind.UNAVAILABLE,
                    "DescribeUserPool could not reach Cognito: Read timed out");
        });
        RetryingCognitoPort port = new RetryingCognitoPort(cognito, policy, time, () -> 0.999, new OutageGuard(), time,
                site.paywall.payingcustomers.output.Debug.OFF);

        CognitoFailure failure = assertThrows(CognitoFailure.class, port::describePool);

        // 3 timeouts of 10 s and waits of 99 + 199 ms: the outage guard stops at 3 unavailable answers in a row.
        verify(cognito, times(3)).describePool();
        assertTrue(failure.getMessage().contains("gave up after 3 attempts over 30.3 s"), failure.getMessage());
        assertTrue(failure.getMessage().contains("3 unavailable answers in a row"), failure.getMessage());
    }

    @Test
    void unavailableAnswersCountAcrossCallsAndAnyAnswerResetsTheCount() {
        OutageGuard guard = new OutageGuard();
        RetryingCognitoPort port = new RetryingCognitoPort(cognito, new RetryPolicy(2, Duration.ofMillis(100),
                Duration.ofMillis(1000)), sleeps::add, () -> 0.5, guard, Ticker.SYSTEM,
                site.paywall.payingcustomers.output.Debug.OFF);
        CognitoFailure unavailable = new CognitoFailure(FailureKind.UNAVAILABLE, "HTTP 503");
        when(cognito.groupsOf("alice")).thenThrow(unavailable);
        when(cognito.groupsOf("bob")).thenThrow(unavailable);
        when(cognito.groupsOf("carol")).thenReturn(List.of());

        assertThrows(CognitoFailure.class, () -> port.groupsOf("alice"));
        assertEquals(2, guard.unavailableInARow());
        CognitoFailure second = assertThrows(CognitoFailure.class, () -> port.groupsOf("bob"));

        verify(cognito, times(1)).groupsOf("bob");
        assertTrue(guard.outage(), "three in a row, across two calls");
        assertTrue(second.getMessage().contains("gave up after 1 attempt over"), second.getMessage());
        port.groupsOf("carol");
        assertFalse(guard.outage(), "an answer ends the outage count");
    }

    @Test
    void createGroupIsNotRetriedAfterALostAnswer() {
        when(cognito.createGroup("g", "d")).thenThrow(new CognitoFailure(FailureKind.UNAVAILABLE, "Read timed out"));

        assertThrows(CognitoFailure.class, () -> retrying(0.5).createGroup("g", "d"));

        verify(cognito, times(1)).createGroup("g", "d");
    }
}
