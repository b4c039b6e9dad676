package site.paywall.payingcustomers.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import site.paywall.payingcustomers.cli.Wiring;
import site.paywall.payingcustomers.support.Cli;
import site.paywall.payingcustomers.support.CliRun;
import site.paywall.payingcustomers.support.JsonAssert;
import site.paywall.payingcustomers.support.MotoExtension;
import site.paywall.payingcustomers.support.Pool;

/** Every expected error against moto: its own message, its own exit code, no stack trace, nothing changed. */
class ErrorPathsEndToEndTest {
    @RegisterExtension
    static final MotoExtension moto = new MotoExtension();
    private Pool pool;

    @TempDir
    Path dir;

    @BeforeEach
    void freshPool() {
        pool = Pool.create(moto.server()).user("alice", "alice@example.com");
    }

    @AfterEach
    void closePool() {
        pool.close();
    }

    /** Arguments for each command, with USER = alice and FILE = a one-line import. */
    private String[] command(String name) throws IOException {
        return switch (name) {
            case "grant", "revoke", "status" -> new String[] {name, "alice"};
            case "import" -> new String[] {name, Files.writeString(dir.resolve("one.txt"), "alice\n").toString()};
            default -> new String[] {name};
        };
    }

    private static CliRun runWith(String poolId, String[] command, String... extra) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of("--user-pool-id", poolId, "--endpoint-url", moto.server().endpoint()));
        args.addAll(List.of(extra));
        return Cli.with(Wiring.real()).raw(args.toArray(String[]::new));
    }

    @ParameterizedTest
    @ValueSource(strings = {"grant", "revoke", "list", "status", "import", "create-group"})
    void anUnknownPoolExitsWith3(String name) throws IOException {
        CliRun run = runWith("us-east-1_doesNotExist", command(name)).assertNoStackTrace();

        assertEquals(3, run.exitCode(), run::toString);
        assertTrue(run.err().contains("unknown-pool: user pool us-east-1_doesNotExist does not exist"), run::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"grant", "revoke", "list", "status", "import"})
    void anUnknownGroupExitsWith4(String name) throws IOException {
        CliRun run = runWith(pool.id, command(name), "--group", "no-such-group").assertNoStackTrace();

        assertEquals(4, run.exitCode(), run::toString);
        assertTrue(run.err().contains("group 'no-such-group' does not exist in pool " + pool.id), run::toString);
        assertTrue(run.err().contains("create-group"), "says how to fix it: " + run);
        assertTrue(pool.groupsOf("alice").isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"grant", "revoke", "status"})
    void anUnknownUserExitsWith5(String name) {
        CliRun run = runWith(pool.id, new String[] {name, "mallory@example.com"}).assertNoStackTrace();

        assertEquals(5, run.exitCode(), run::toString);
        assertTrue(run.err().contains("no user with username or email 'mallory@example.com' in pool " + pool.id),
                run::toString);
    }

    @Test
    void aProfileWithoutCredentialsExitsWith7() {
        CliRun run = runWith(pool.id, new String[] {"grant", "alice"}, "--profile", "no-such-profile")
                .assertNoStackTrace();

        assertEquals(7, run.exitCode(), run::toString);
        assertTrue(run.err().contains("credentials: profile 'no-such-profile' gave no usable credentials"),
                run::toString);
        assertFalse(run.err().contains("testing"), "no secret is printed");
        assertTrue(pool.groupsOf("alice").isEmpty());
    }

    @Test
    void anUnreachableEndpointExitsWith10AfterTheRetries() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        CliRun run = Cli.with(Wiring.real()).raw("list", "--user-pool-id", pool.id,
                "--endpoint-url", "http://127.0.0.1:" + closedPort, "--max-attempts", "2").assertNoStackTrace();

        assertEquals(10, run.exitCode(), run::toString);
        assertTrue(run.err().contains("could not reach Cognito"), run::toString);
        assertTrue(run.err().contains("gave up after 2 attempts"), run::toString);
    }

    @Test
    void jsonModeReportsTheErrorAsJsonToo() {
        CliRun run = runWith("us-east-1_doesNotExist", new String[] {"list"}, "--json");

        assertEquals(3, run.exitCode());
        assertEquals("unknown-pool", JsonAssert.parse(run.out()).get("error").get("kind").asText());
        assertEquals(3, JsonAssert.parse(run.out()).get("exitCode").asInt());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "list",                                                  // no pool id anywhere
            "list --user-pool-id not-a-pool-id",
            "list --user-pool-id us-east-1_abc --region eu-west-1",   // region contradicts the pool id
            "list --user-pool-id us-east-1_abc --region moon",
            "list --user-pool-id us-east-1_abc --page-size 61",
            "list --user-pool-id us-east-1_abc --max-attempts 0",
            "list --user-pool-id us-east-1_abc --endpoint-url ftp://127.0.0.1",
            "list --user-pool-id us-east-1_abc --group has%20space --group",
            "list --user-pool-id us-east-1_abc --no-such-option",
            "grant --user-pool-id us-east-1_abc",                     // no USER
            "import --user-pool-id us-east-1_abc --action maybe x.csv",
            "status --user-pool-id us-east-1_abc a\tb",
            "list --user-pool-id us-east-1_abc --config /no/such/config.properties",
            "frobnicate",
            ""})
    void usageErrorsExitWith2AndNameTheProblem(String line) {
        String[] args = line.isEmpty() ? new String[0] : line.replace("%20", " ").split(" ");

        CliRun run = Cli.with(Wiring.real()).raw(args).assertNoStackTrace();

        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("usage error: "), run::toString);
    }

    @Test
    void badUserArgumentsAreRefusedBeforeAnyChange() {
        CliRun run = runWith(pool.id, new String[] {"grant", "alice", "bad user"}).assertNoStackTrace();

        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("'bad user': contains whitespace"), run::toString);
        assertTrue(pool.groupsOf("alice").isEmpty(),
                "alice was not granted either: bad input loses nothing, changes nothing");
    }

    @Test
    void theConfigFileSuppliesThePoolAndEndpoint() throws IOException {
        Path config = Files.writeString(dir.resolve("pc.properties"),
                "user-pool-id=" + pool.id + "\nendpoint-url=" + moto.server().endpoint()
                        + "\ngroup=paying-customers\n");

        CliRun run = Cli.with(Wiring.real()).raw("grant", "alice", "--config", config.toString());

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(pool.isMember("alice"));
    }

    @Test
    void aConfigFileWithAnUnknownKeyIsRefused() throws IOException {
        Path config = Files.writeString(dir.resolve("pc.properties"), "user-pool=" + pool.id + "\n");

        CliRun run = Cli.with(Wiring.real()).raw("list", "--config", config.toString()).assertNoStackTrace();

        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("unknown keys [user-pool]"), run::toString);
    }

    @Test
    void anAuditLogThatCannotBeOpenedStopsBeforeAnyChange() {
        CliRun run = runWith(pool.id, new String[] {"grant", "alice"},
                "--audit-log", dir.resolve("missing-dir/audit.log").toString()).assertNoStackTrace();

        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("cannot open audit log"), run::toString);
        assertTrue(pool.groupsOf("alice").isEmpty());
    }
}
