package site.paywall.localsite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The local site as the test runs it: {@code scripts/local-site --detach} on four free ports and a data dir of the
 * test's own (so it never meets a developer's running site), stopped with {@code --stop} at the end. The app
 * client's callback and sign-out URLs follow the site port, so the site and the client stay consistent.
 */
final class LocalSite implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    // First run on a fresh machine: npm ci of cognito-local (about a minute) and possibly the edge tools jar.
    private static final long START_TIMEOUT_SECONDS = 300;

    private final Path repo;
    private final Path dataDir;
    private final Path log;
    private final JsonNode state;
    private final Thread stopOnExit;
    private boolean stopped;

    private LocalSite(Path repo, Path dataDir, Path log, JsonNode state, Thread stopOnExit) {
        this.repo = repo;
        this.dataDir = dataDir;
        this.log = log;
        this.state = state;
        this.stopOnExit = stopOnExit;
    }

    static LocalSite start(Path repo, Path dataDir) {
        return start(repo, dataDir, 60, "bundle");
    }

    /**
     * @param tokenMinutes the app client's ID and access token lifetime (1 makes a refresh testable)
     * @param engine {@code bundle} (the TeaVM bundle in the gateway) or {@code jvm} (the nimbus reference)
     */
    static LocalSite start(Path repo, Path dataDir, int tokenMinutes, String engine) {
        Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        try {
            Files.createDirectories(dataDir);
            // A run killed before its @AfterAll may have left the site up: stop it first (a no-op otherwise).
            run(repo, log, 60, "--stop", "--data-dir", dataDir.toString());
            int[] ports = freePorts(4);
            int exit = run(repo, log, START_TIMEOUT_SECONDS, "--detach", "--record-events",
                    "--data-dir", dataDir.toString(),
                    "--token-minutes", String.valueOf(tokenMinutes), "--engine", engine,
                    "--site-port", String.valueOf(ports[0]), "--hosted-ui-port", String.valueOf(ports[1]),
                    "--cognito-port", String.valueOf(ports[2]), "--s3-port", String.valueOf(ports[3]));
            if (exit != 0) {
                run(repo, log, 60, "--stop", "--data-dir", dataDir.toString());
                throw new IllegalStateException("scripts/local-site --detach failed (exit " + exit + "). Its output:\n"
                        + Files.readString(log));
            }
            JsonNode state = JSON.readTree(dataDir.resolve("state.json").toFile());
            Thread hook = new Thread(() -> {
                try {
                    run(repo, log, 60, "--stop", "--data-dir", dataDir.toString());
                } catch (IOException | RuntimeException ignored) {
                    // best effort while the JVM exits
                }
            }, "stop-local-site");
            Runtime.getRuntime().addShutdownHook(hook);
            return new LocalSite(repo, dataDir, log, state, hook);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int run(Path repo, Path log, long timeoutSeconds, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(repo.resolve("scripts/local-site").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
        process.getOutputStream().close();
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroy();
                throw new IllegalStateException("scripts/local-site " + String.join(" ", args) + " took longer than "
                        + timeoutSeconds + " s; its output: " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
            throw new IllegalStateException("interrupted while running scripts/local-site", e);
        }
        return process.exitValue();
    }

    private static int[] freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    String siteUrl() {
        return state.path("siteUrl").asText();
    }

    /** state.json as the start wrote it. */
    JsonNode state() {
        return state;
    }

    String hostedUiUrl() {
        return state.path("hostedUiUrl").asText();
    }

    String cognitoEndpoint() {
        return state.path("cognitoEndpoint").asText();
    }

    String clientId() {
        return state.path("clientId").asText();
    }

    String userPoolId() {
        return state.path("userPoolId").asText();
    }

    String issuer() {
        return state.path("issuer").asText();
    }

    DemoUser payingUser() {
        return DemoUser.from(state.path("users").path("paying"));
    }

    DemoUser readerUser() {
        return DemoUser.from(state.path("users").path("reader"));
    }

    Path accessLog() {
        return Path.of(state.path("accessLog").asText());
    }

    /** The viewer-request events the bundle received, credentials redacted (the site runs with --record-events). */
    Path eventLog() {
        return Path.of(state.path("eventLog").asText());
    }

    Path startLog() {
        return log;
    }

    /** Stops every process the script started for this data dir, and checks that none is left. */
    @Override
    public void close() throws IOException {
        if (stopped) {
            return;
        }
        stopped = true;
        int exit = run(repo, log, 60, "--stop", "--data-dir", dataDir.toString());
        Runtime.getRuntime().removeShutdownHook(stopOnExit);
        if (exit != 0) {
            throw new IllegalStateException("scripts/local-site --stop failed (exit " + exit + "); see " + log);
        }
    }

    Path dataDir() {
        return dataDir;
    }

    record DemoUser(String email, String password, String username) {
        static DemoUser from(JsonNode node) {
            return new DemoUser(node.path("email").asText(), node.path("password").asText(),
                    node.path("username").asText());
        }
    }
}
