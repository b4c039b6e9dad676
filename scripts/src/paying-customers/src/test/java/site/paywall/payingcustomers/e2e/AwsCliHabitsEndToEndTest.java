package site.paywall.payingcustomers.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
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

/** What an aws-cli user types first: options before the command, --output json, typos, --debug, a wrong endpoint. */
class AwsCliHabitsEndToEndTest {
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

    private CliRun raw(String... args) {
        return Cli.with(Wiring.real()).raw(args).assertNoStackTrace();
    }

    @Test
    void optionsBeforeTheCommandWorkAndOutputJsonIsUnderstood() {
        CliRun run = raw("--user-pool-id", pool.id, "--endpoint-url", moto.server().endpoint(), "--output", "json",
                "grant", "alice");

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("added", JsonAssert.parse(run.out()).get("results").get(0).get("outcome").asText());
        assertTrue(pool.isMember("alice"));
    }

    @Test
    void aCommandsOwnOptionBeforeTheCommandSaysWhereItGoes() {
        CliRun run = raw("--dry-run", "grant", "alice", "--user-pool-id", pool.id);

        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("--dry-run is an option of grant, revoke, import: put it after the command name,"
                + " e.g. paying-customers grant --dry-run ..."), run::toString);
    }

    @Test
    void typosGetDidYouMean() {
        CliRun command = raw("grnat", "alice");
        CliRun option = raw("grant", "alice", "--user-pool", pool.id);

        assertEquals(2, command.exitCode(), command::toString);
        assertTrue(command.err().contains("usage error: 'grnat' is not a command (commands: grant, revoke, list,"
                + " status, import, create-group, help)"), command::toString);
        assertTrue(command.err().matches("(?s).*Did you mean: .*paying-customers grant.*"), command::toString);
        assertEquals(2, option.exitCode(), option::toString);
        assertTrue(option.err().contains("Possible solutions: --user-pool-id"), option::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--output table", "--output text --json", "--cli-read-timeout 0", "--cli-connect-timeout x",
            "--cli-read-timeout 601", "--audit-log a.log"})
    void badGlobalOptionsAreUsageErrors(String options) {
        String[] args = ("list --user-pool-id " + pool.id + " " + options).split(" ");

        CliRun run = raw(args);

        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("usage error: "), run::toString);
    }

    @Test
    void listAndStatusRefuseAnAuditLogTheyWouldNeverWrite() {
        CliRun run = raw("status", "alice", "--user-pool-id", pool.id, "--audit-log", dir.resolve("a.log").toString());

        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("--audit-log is for commands that change something (grant, revoke, import,"
                + " create-group); status changes nothing"), run::toString);
        assertFalse(Files.exists(dir.resolve("a.log")));
    }

    @Test
    void debugShowsWhatWasResolvedAndEveryCallButNoSecret() {
        CliRun run = raw("grant", "alice", "--user-pool-id", pool.id, "--endpoint-url", moto.server().endpoint(),
                "--debug");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.err().contains("debug: paying-customers grant: pool " + pool.id + ", group paying-customers,"
                + " region us-east-1, endpoint " + moto.server().endpoint() + " (--endpoint-url)"), run::toString);
        assertTrue(run.err().contains("debug: per attempt: connect timeout 5000 ms, read timeout 10000 ms"),
                run::toString);
        assertTrue(run.err().contains("debug: -> AdminAddUserToGroup POST " + moto.server().endpoint()), run::toString);
        assertTrue(run.err().contains("debug: <- AdminAddUserToGroup HTTP 200 request id "), run::toString);
        assertFalse(run.err().contains("testing"), "no key, secret or signature: " + run);
        assertFalse(run.err().toLowerCase().contains("authorization"), run::toString);
    }

    @Test
    void aPastedUserWithBlanksAroundItIsTrimmed() {
        CliRun run = raw("grant", " alice\u00a0", "--user-pool-id", pool.id, "--endpoint-url",
                moto.server().endpoint());

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("granted: alice added"), run::toString);
    }

    @Test
    void theConfigFileIsReadFromHome() throws Exception {
        Files.writeString(dir.resolve(".paying-customers.properties"), "user-pool-id=" + pool.id + "\nendpoint-url="
                + moto.server().endpoint() + "\n");
        Wiring home = Wiring.real().withEnv(Map.of("HOME", dir.toString()));

        CliRun run = Cli.with(home).raw("status", "alice");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("member:   no"), run::toString);
    }

    @ParameterizedTest
    @ValueSource(ints = {404, 501})
    void anEndpointThatIsNotCognitoIsNamedAsSuchAndNotRetried(int status) throws Exception {
        AtomicInteger hits = new AtomicInteger();
        HttpServer web = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        web.createContext("/", exchange -> {
            hits.incrementAndGet();
            byte[] page = "<html><body>Not here</body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(status, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        web.start();
        try {
            String endpoint = "http://127.0.0.1:" + web.getAddress().getPort();

            CliRun run = raw("list", "--user-pool-id", pool.id, "--endpoint-url", endpoint);

            assertEquals(10, run.exitCode(), run::toString);
            assertTrue(run.err().contains("not-cognito: " + endpoint + " (--endpoint-url) does not answer like Cognito:"
                    + " DescribeUserPool got HTTP " + status + ", text/html without an AWS error code. Check"
                    + " --endpoint-url"), run::toString);
            assertFalse(run.err().contains("null"), run::toString);
            assertEquals(1, hits.get(), "not retried");
        } finally {
            web.stop(0);
        }
    }
}
