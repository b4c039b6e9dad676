package site.paywall.testsupport;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real moto server on 127.0.0.1 and a free port, for the test that starts it and nobody else. {@link #close()}
 * stops it and its child processes, also when the test failed, and a shutdown hook does so if the JVM ends first.
 * Ready means our own process is alive and answers HTTP 200 at {@code /moto-api/}, so a foreign server that happens
 * to hold the port is never mistaken for ours. Its output stays in {@code target/moto-logs/moto-PORT.log} for a
 * failed test to be read. Fails (never skips) when moto_server is not installed.
 */
public final class MotoServer implements AutoCloseable {

    /** A cold start on a loaded two-core machine has taken over 30 s: the bound is generous on purpose. */
    static final Duration READY_WITHIN = Duration.ofSeconds(60);

    private final Process process;
    private final int port;
    private final Path log;
    private final Thread stopOnExit;

    private MotoServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.stopOnExit = new Thread(this::stopProcess, "stop-moto-" + port);
    }

    public static MotoServer start() {
        Path executable = findOnPath("moto_server");
        int port = freePort();
        Path log;
        Process process;
        try {
            Path dir = Files.createDirectories(Path.of("target", "moto-logs"));
            log = dir.resolve("moto-" + port + ".log").toAbsolutePath();
            process = new ProcessBuilder(executable.toString(), "-H", "127.0.0.1", "-p", String.valueOf(port))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + executable + ": " + e.getMessage(), e);
        }
        MotoServer server = new MotoServer(process, port, log);
        Runtime.getRuntime().addShutdownHook(server.stopOnExit);
        try {
            server.awaitReady(READY_WITHIN);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public URI uri() {
        return URI.create(endpoint());
    }

    /** Forgets every resource (moto's reset API), so a test starts from an empty account. */
    public void reset() {
        HttpRequest reset = HttpRequest.newBuilder(URI.create(endpoint() + "/moto-api/reset"))
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.noBody()).build();
        try {
            int status = HttpClient.newHttpClient().send(reset, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 200) {
                throw new IllegalStateException("moto reset answered HTTP " + status + "; see " + log);
            }
        } catch (IOException e) {
            throw new IllegalStateException("moto reset failed: " + e.getMessage() + "; see " + log, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while resetting moto", e);
        }
    }

    /** Environment for the AWS CLI and boto3: dummy credentials, no profile or config file of the machine. */
    public static void dummyCredentials(Map<String, String> env) {
        env.keySet().removeIf(name -> name.startsWith("AWS_"));
        env.put("AWS_ACCESS_KEY_ID", "testing");
        env.put("AWS_SECRET_ACCESS_KEY", "testing");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_CONFIG_FILE", "/nonexistent/aws-config");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/aws-credentials");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
    }

    /** Stops the server; calling it again does nothing. */
    @Override
    public void close() {
        stopProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException alreadyExiting) {
            // the hook is running or has run
        }
    }

    private void stopProcess() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ping = HttpRequest.newBuilder(URI.create(endpoint() + "/moto-api/"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto_server exited with " + process.exitValue()
                        + " before answering:\n" + logText());
            }
            try {
                if (http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 200
                        && process.isAlive()) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for moto_server", e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for moto_server", e);
            }
        }
        throw new IllegalStateException("moto_server did not answer on " + endpoint() + " within " + timeout
                + ":\n" + logText());
    }

    private String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log at " + log + ": " + e.getMessage() + ")";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    static Path findOnPath(String name) {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException(name + " is not on PATH. These tests need moto 5.x for Python 3: "
                + "pip install 'moto[server]' (they run moto_server -H 127.0.0.1 -p PORT)");
    }
}
