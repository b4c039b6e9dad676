package site.paywall.payingcustomers.cli;

import java.io.InputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import site.paywall.payingcustomers.cognito.AwsClients;
import site.paywall.payingcustomers.cognito.CognitoPort;
import site.paywall.payingcustomers.cognito.Connection;
import site.paywall.payingcustomers.cognito.Sleeper;
import site.paywall.payingcustomers.cognito.Ticker;

/** What the commands take from the outside world; tests replace parts of it. */
public record Wiring(PortFactory ports, Clock clock, Sleeper sleeper, DoubleSupplier random,
                     Map<String, String> env, Path home, InputStream stdin, Ticker ticker, Interrupts interrupts,
                     Supplier<String> host, BooleanSupplier stderrIsTerminal) {

    /** Opens the port for a pool; the port may be {@link AutoCloseable}. */
    @FunctionalInterface
    public interface PortFactory {
        CognitoPort open(Connection connection, String poolId);
    }

    /** For tests that replace the port and time: no signals, no terminal, a fixed host name. */
    public Wiring(PortFactory ports, Clock clock, Sleeper sleeper, DoubleSupplier random, Map<String, String> env,
                  Path home, InputStream stdin) {
        this(ports, clock, sleeper, random, env, home, stdin, Ticker.SYSTEM, Interrupts.NONE, () -> "test-host",
                () -> false);
    }

    public static Wiring real() {
        SecureRandom random = new SecureRandom();
        Map<String, String> env = System.getenv();
        return new Wiring((connection, poolId) -> AwsClients.open(connection, poolId, env),
                Clock.systemUTC(), Sleeper.REAL, random::nextDouble, env, home(env), System.in, Ticker.SYSTEM,
                Interrupts.signals(), () -> Terminal.hostName(env), Terminal::stderrIsTerminal);
    }

    /** $HOME, as aws-cli and the SDK use it; Java's user.home comes from the password database instead. */
    static Path home(Map<String, String> env) {
        String home = env.get("HOME");
        return home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"));
    }

    public Wiring withPorts(PortFactory other) {
        return new Wiring(other, clock, sleeper, random, env, home, stdin, ticker, interrupts, host, stderrIsTerminal);
    }

    public Wiring withStdin(InputStream other) {
        return new Wiring(ports, clock, sleeper, random, env, home, other, ticker, interrupts, host, stderrIsTerminal);
    }

    public Wiring withSleeper(Sleeper other) {
        return new Wiring(ports, clock, other, random, env, home, stdin, ticker, interrupts, host, stderrIsTerminal);
    }

    public Wiring withEnv(Map<String, String> other) {
        return new Wiring(ports, clock, sleeper, random, other, home(other), stdin, ticker, interrupts, host,
                stderrIsTerminal);
    }

    public Wiring withInterrupts(Interrupts other) {
        return new Wiring(ports, clock, sleeper, random, env, home, stdin, ticker, other, host, stderrIsTerminal);
    }
}
