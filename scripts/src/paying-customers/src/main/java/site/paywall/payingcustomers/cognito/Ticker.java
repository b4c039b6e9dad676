package site.paywall.payingcustomers.cognito;

/** A monotonic clock in nanoseconds, for the time a call really took; tests advance a fake one. */
@FunctionalInterface
public interface Ticker {
    long nanoTime();

    Ticker SYSTEM = System::nanoTime;
}
