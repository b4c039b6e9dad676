package site.paywall.edge.jvm.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import site.paywall.edge.jvm.JvmPlatform;

/**
 * The deployable bundle (TeaVM output + index.js + config.json) run under Node by {@code edge-runner.js}: one
 * long-lived node process, one JSON line per event each way. The clock, randomness and Cognito are pinned by the
 * runner (Date.now, crypto.randomBytes, fetch), never in the bundle: index.js performs its calls unchanged.
 */
public final class BundleEngine implements Engine {

    private final Process node;
    private final Writer toNode;
    private final BufferedReader fromNode;
    private final Path stderrFile;

    private BundleEngine(Process node, Path stderrFile) {
        this.node = node;
        this.stderrFile = stderrFile;
        this.toNode = new OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8);
        this.fromNode = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts node on a bundle directory (as written by {@code BundleWriter}). */
    public static BundleEngine start(Path bundleDirectory) {
        try {
            Path runner = Files.createTempFile("edge-runner", ".js");
            runner.toFile().deleteOnExit();
            try (var in = BundleEngine.class.getResourceAsStream("/node/edge-runner.js")) {
                Files.write(runner, in.readAllBytes());
            }
            Path stderr = Files.createTempFile("edge-runner", ".stderr");
            stderr.toFile().deleteOnExit();
            Process process = new ProcessBuilder("node", runner.toString(), bundleDirectory.toString())
                    .redirectError(stderr.toFile())
                    .start();
            return new BundleEngine(process, stderr);
        } catch (IOException e) {
            throw new EngineFailure("cannot start node (Node.js 20+ must be on PATH): " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized EngineResult handle(JsonNode event, OptionalLong nowMillis, CognitoScript script) {
        ObjectNode message = JvmPlatform.STRICT_JSON.createObjectNode();
        if (nowMillis.isPresent()) {
            message.put("now", nowMillis.getAsLong());
        } else {
            message.putNull("now");
        }
        if (script.randomSeed().isPresent()) {
            message.put("random", script.randomSeed().get());
        } else {
            message.putNull("random");
        }
        script.answers().forEach(message.putArray("answers")::add);
        message.set("event", event);
        String line;
        try {
            toNode.write(JvmPlatform.STRICT_JSON.writeValueAsString(message));
            toNode.write('\n');
            toNode.flush();
            line = fromNode.readLine();
        } catch (IOException e) {
            throw new EngineFailure("the bundle's node process failed: " + e.getMessage() + stderrTail(), e);
        }
        if (line == null) {
            throw new EngineFailure("the bundle's node process exited" + stderrTail());
        }
        JsonNode reply = JvmPlatform.parse(line)
                .orElseThrow(() -> new EngineFailure("the bundle runner wrote a line that is not JSON"));
        if (reply.has("error")) {
            throw new EngineFailure("the bundle's handler threw " + reply.get("error").asText());
        }
        if (!reply.has("result")) {
            throw new EngineFailure("the bundle's handler returned nothing");
        }
        List<String> log = new ArrayList<>();
        reply.path("log").forEach(entry -> log.add(entry.asText()));
        List<JsonNode> calls = new ArrayList<>();
        reply.path("calls").forEach(calls::add);
        return new EngineResult(reply.get("result"), List.copyOf(log), List.copyOf(calls),
                reply.path("micros").asLong(-1));
    }

    private String stderrTail() {
        try {
            String text = Files.readString(stderrFile);
            return text.isBlank() ? "" : "; node said: " + text.strip();
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public String name() {
        return "bundle";
    }

    @Override
    public void close() {
        try {
            toNode.close();
        } catch (IOException e) {
            // Closing stdin only asks the runner to stop; it is destroyed below regardless.
        }
        node.destroy();
    }
}
