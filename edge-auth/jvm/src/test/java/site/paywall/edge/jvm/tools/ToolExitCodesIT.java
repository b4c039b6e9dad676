package site.paywall.edge.jvm.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import site.paywall.edge.jvm.JvmPlatform;
import site.paywall.edge.jvm.TestJwks;

/**
 * Every documented exit code of scripts/edge-bundle, scripts/edge-replay and scripts/edge-serve, each produced on
 * purpose through the scripts an operator runs (after {@code package}, so the wrappers find a fresh jar), each with
 * its one-line message and no stack trace. Code 1 (a bug) has no input that produces it; {@code EdgeToolsTest}
 * checks how it would be printed.
 */
class ToolExitCodesIT {

    private static final Path REPO = Path.of(System.getProperty("repo.root", "../..")).toAbsolutePath().normalize();

    @TempDir
    static Path dir;

    static Path config;
    static Path event;
    static int closedPort;

    @BeforeAll
    static void inputs() throws IOException {
        config = json("site.json", TestJwks.validConfig());
        ObjectNode e = JvmPlatform.STRICT_JSON.createObjectNode();
        ObjectNode cf = e.putArray("Records").addObject().putObject("cf");
        cf.putObject("config").put("distributionDomainName", "d1.cloudfront.net").put("distributionId", "E1")
                .put("eventType", "viewer-request").put("requestId", "r1");
        cf.putObject("request").put("clientIp", "203.0.113.9").put("method", "GET").put("querystring", "")
                .put("uri", "/index.html").putObject("headers");
        event = json("event.json", e);
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
    }

    private static Path json(String name, Object node) throws IOException {
        return Files.writeString(dir.resolve(name), JvmPlatform.STRICT_JSON.writeValueAsString(node));
    }

    private static Path text(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    /** A config whose JWKS must be fetched from the issuer, which nobody answers. */
    private static Path unreachableIssuer() throws IOException {
        ObjectNode c = TestJwks.validConfig();
        c.remove("jwks");
        c.put("region", "local").put("issuer", "http://127.0.0.1:" + closedPort + "/local_pool");
        c.put("userPoolId", "local_pool");
        return json("unreachable.json", c);
    }

    private record Run(int code, String out, String err) { }

    private static Run run(String script, Map<String, String> env, String stdin, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/bin/bash", REPO.resolve("scripts/" + script).toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(script + " " + String.join(" ", args) + " took over 120 s");
        }
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static Run run(String script, String... args) throws IOException, InterruptedException {
        return run(script, Map.of(), "", args);
    }

    /** The code, and a message on stderr that is one line starting with the tool's name, with the words given. */
    private static void assertFails(Run run, int code, String tool, String words) {
        assertEquals(code, run.code(), run.err());
        List<String> lines = run.err().lines().filter(l -> !l.isBlank()).toList();
        assertFalse(run.err().contains("\tat ") || run.err().contains("Exception in thread"),
                "no stack trace: " + run.err());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(tool + ":") && l.contains(words)),
                "a line '" + tool + ": ..." + words + "...' in: " + run.err());
    }

    @Test
    void edgeBundle() throws Exception {
        Run ok = run("edge-bundle", "--config", config.toString(), "--out-dir", dir.resolve("out").toString());
        assertEquals(0, ok.code(), ok.err());
        assertTrue(Files.size(dir.resolve("out/lambda-edge.zip")) > 0);

        assertFails(run("edge-bundle", "--config", config.toString(), "--no-such-option"), 2, "edge-bundle",
                "usage error: Unknown option: '--no-such-option'");
        assertFails(run("edge-bundle", "--config", dir.resolve("missing.json").toString()), 3, "edge-bundle",
                "cannot read config");
        assertFails(run("edge-bundle", "--config", text("broken.json", "{\"region\": }").toString()), 4, "edge-bundle",
                "is not valid JSON");
        assertFails(run("edge-bundle", "--config", text("empty.json", "{}").toString()), 5, "edge-bundle",
                "invalid");
        assertFails(run("edge-bundle", "--config", unreachableIssuer().toString()), 6, "edge-bundle",
                "cannot fetch the JWKS");
        Path aFile = text("not-a-directory", "x");
        assertFails(run("edge-bundle", "--config", config.toString(), "--out-dir", aFile.resolve("out").toString()), 8,
                "edge-bundle", "cannot write the bundle");
    }

    @Test
    void edgeReplay() throws Exception {
        Run ok = run("edge-replay", "--config", config.toString(), event.toString());
        assertEquals(0, ok.code(), ok.err());
        assertEquals(1, ok.out().lines().count(), ok.out());

        assertFails(run("edge-replay", "--config", config.toString(), "--now", "-1", event.toString()), 2,
                "edge-replay", "usage error: --now must be epoch seconds");
        assertFails(run("edge-replay", "--config", config.toString(), dir.resolve("none.json").toString()), 3,
                "edge-replay", "none.json");
        assertFails(run("edge-replay", "--config", config.toString(), text("bad-event.json", "[").toString()), 4,
                "edge-replay", "is not valid JSON");
        assertFails(run("edge-replay", "--config", text("empty-config.json", "{}").toString(), event.toString()), 5,
                "edge-replay", "invalid");
        assertFails(run("edge-replay", "--config", unreachableIssuer().toString(), event.toString()), 6, "edge-replay",
                "cannot fetch the JWKS");
        // The bundle engine needs node: a PATH with bash, the wrapper's tools and java, but no node.
        assertFails(run("edge-replay", Map.of("PATH", pathWithout("node")), "", "--config", config.toString(),
                "--engine", "bundle", event.toString()), 7, "edge-replay", "node");
    }

    @Test
    void edgeServe() throws Exception {
        Run ok = run("edge-serve", Map.of(), "", "--config", config.toString());
        assertEquals(0, ok.code(), ok.err());
        assertEquals("{\"ready\":true}", ok.out().strip(), "ready, then stdin ended: " + ok.out());

        assertFails(run("edge-serve"), 2, "edge-serve", "usage error: Missing required option: '--config=FILE'");
        assertFails(run("edge-serve", "--config", dir.resolve("missing.json").toString()), 3, "edge-serve",
                "cannot read config");
        assertFails(run("edge-serve", "--config", text("broken2.json", "{").toString()), 4, "edge-serve",
                "is not valid JSON");
        assertFails(run("edge-serve", "--config", text("empty2.json", "{}").toString()), 5, "edge-serve", "invalid");
        assertFails(run("edge-serve", "--config", unreachableIssuer().toString()), 6, "edge-serve",
                "cannot fetch the JWKS");
    }

    @Test
    void everyWrapperSaysWhenItCannotStartTheTool() throws Exception {
        for (String script : List.of("edge-bundle", "edge-replay", "edge-serve")) {
            assertFails(run(script, Map.of("PATH", pathWithout("java")), "", "--config", config.toString()), 12, script,
                    "'java' is not on PATH");
        }
    }

    /** A PATH of one directory holding links to what the wrappers and the tools use, less {@code missing}. */
    private static String pathWithout(String missing) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin-without-" + missing));
        for (String tool : List.of("bash", "dirname", "find", "java", "node")) {
            Path link = bin.resolve(tool);
            if (!tool.equals(missing) && !Files.exists(link)) {
                Files.createSymbolicLink(link, which(tool));
            }
        }
        return bin.toString();
    }

    private static Path which(String tool) {
        for (String entry : System.getenv("PATH").split(":")) {
            Path candidate = Path.of(entry, tool);
            if (Files.isExecutable(candidate)) {
                return candidate.toAbsolutePath();
            }
        }
        throw new AssertionError(tool + " is not on this machine's PATH");
    }
}
