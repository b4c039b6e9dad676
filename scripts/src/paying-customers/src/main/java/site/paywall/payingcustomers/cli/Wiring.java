package site.paywall.payingcustomers.cli;

import java.io.InputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.function.DoubleSupplier;
import site.paywall.payingcustomers.cognito.CognitoClients;
import site.paywall.payingcustomers.cognito.CognitoPort;
import site.paywall.payingcustomers.cognito.Connection;
import site.paywall.payingcustomers.cognito.SdkCognitoPort;
import site.paywall.payingcustomers.cognito.Sleeper;

/** What the commands take from the outside world; tests replace parts of it. */
public record Wiring(PortFactory ports, Clock clock, Sleeper sleeper, DoubleSupplier random,
                     Map<String, String> env, Path home, InputStream stdin) {

    /** Opens the port for a pool; the port may be {@link AutoCloseable}. */
    @FunctionalInterface
    public interface PortFactory {
        CognitoPort open(Connection connection, String poolId);
    }

    public static Wiring real() {
        SecureRandom random = new SecureRandom();
        return new Wiring((connection, poolId) -> new SdkCognitoPort(CognitoClients.open(connection), poolId),
                Clock.systemUTC(), Sleeper.REAL, random::nextDouble, System.getenv(),
                Path.of(System.getProperty("user.home")), System.in);
    }

    public Wiring withPorts(PortFactory other) {
        return new Wiring(other, clock, sleeper, random, env, home, stdin);
    }

    public Wiring withStdin(InputStream other) {
        return new Wiring(ports, clock, sleeper, random, env, home, other);
    }

    public Wiring withSleeper(Sleeper other) {
        return new Wiring(ports, clock, other, random, env, home, stdin);
    }
}
