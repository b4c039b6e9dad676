package site.paywall.edge.jvm.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import site.paywall.edge.jvm.JvmPlatform;
import site.paywall.edge.jvm.engine.BundleEngine;
import site.paywall.edge.jvm.engine.CognitoScript;
import site.paywall.edge.jvm.engine.Engine;
import site.paywall.edge.jvm.engine.EngineFailure;
import site.paywall.edge.jvm.engine.EngineResult;
import site.paywall.edge.jvm.engine.JvmEngine;

/** {@code edge-replay}: runs CloudFront viewer-request events through an engine, one JSON line per event. */
@Command(name = "edge-replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Replays CloudFront viewer-request events (one event JSON per file) through the authorizer",
            "and prints, per event and in order, one line of compact JSON: exactly what the handler returns to",
            "CloudFront (the request to forward, or the generated response). Decision log lines go to stderr.",
            "A file may also be a step of the sign-in flow: {\"event\": {...}, \"cognito\": [answers]}, where",
            "each answer is what Cognito's endpoint returned to one attempt ({\"status\": 200, \"body\": ...},",
            "{\"timeout\": true} or {\"networkError\": true}); without it, a step that needs Cognito sees it",
            "unreachable. Nothing is ever sent to Cognito."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every event was handled (whatever the decisions)", "2:usage error",
            "3:a file cannot be read", "4:a file is not valid JSON", "5:the config is invalid",
            "6:the JWKS cannot be fetched", "7:the engine failed (e.g. node missing)",
            "1:an internal error (a bug: please report it)"})
final class ReplayCommand implements Callable<Integer> {

    enum EngineKind { jvm, core, bundle }

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "site config (JSON; may carry the JWKS inline)")
    private Path config;

    @Option(names = "--now", paramLabel = "EPOCH_SECONDS", description = "pin the clock (default: the real time)")
    private Long now;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "jvm",
            description = "jvm (the nimbus-jose-jwt reference, default), core (the edge's own core on the JVM) or"
                    + " bundle (the TeaVM bundle under Node)")
    private EngineKind engine;

    @Option(names = "--random", paramLabel = "SEED",
            description = "pin the sign-in flow's random state and PKCE verifier to a seeded stream (default: real"
                    + " random bytes)")
    private String random;

    @Parameters(arity = "1..*", paramLabel = "EVENT.json", description = "event files, replayed in order")
    private List<Path> events;

    @Override
    public Integer call() {
        if (now != null && (now < 0 || now > 253_402_300_799L)) {
            throw new ParameterException(spec.commandLine(), "--now must be epoch seconds between 0 and 253402300799");
        }
        PrintWriter err = spec.commandLine().getErr();
        ObjectNode resolved = SourceConfig.resolve(config, Optional.empty(), JwksFetcher::fetch, err::println);
        // Read every event before deciding any, so a bad file stops the run before it prints anything.
        List<JsonNode> parsed = new ArrayList<>();
        List<CognitoScript> scripts = new ArrayList<>();
        for (Path file : events) {
            JsonNode json = JsonFiles.readJson(file, "event");
            boolean step = json.isObject() && json.has("event") && !json.has("Records");
            if (step && json.has("cognito") && !json.get("cognito").isArray()) {
                throw new ToolError(ToolError.INVALID_JSON, file + ": \"cognito\" must be a list of recorded answers");
            }
            List<JsonNode> answers = new ArrayList<>();
            if (step) {
                json.path("cognito").forEach(answers::add);
            }
            parsed.add(step ? json.get("event") : json);
            scripts.add(new CognitoScript(answers, Optional.ofNullable(random)));
        }
        OptionalLong nowMillis = now == null ? OptionalLong.empty() : OptionalLong.of(now * 1000L);
        PrintWriter out = spec.commandLine().getOut();
        Path bundleDir = null;
        try (Engine running = engine == EngineKind.jvm ? JvmEngine.reference(resolved)
                : engine == EngineKind.core ? JvmEngine.core(resolved)
                : BundleEngine.start(bundleDir = writeTemporaryBundle(resolved))) {
            for (int i = 0; i < parsed.size(); i++) {
                EngineResult result = running.handle(parsed.get(i), nowMillis, scripts.get(i));
                result.log().forEach(err::println);
                out.println(JvmPlatform.STRICT_JSON.writeValueAsString(result.result()));
            }
            out.flush();
        } catch (EngineFailure e) {
            throw new ToolError(ToolError.ENGINE_FAILED, e.getMessage());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a result", e);
        } finally {
            deleteQuietly(bundleDir);
        }
        return 0;
    }

    private static Path writeTemporaryBundle(ObjectNode resolved) {
        try {
            Path directory = Files.createTempDirectory("edge-replay-bundle");
            BundleWriter.writeDirectory(directory, resolved);
            return directory;
        } catch (IOException e) {
            throw new ToolError(ToolError.ENGINE_FAILED, "cannot write a temporary bundle: " + JsonFiles.describe(e));
        }
    }

    private static void deleteQuietly(Path directory) {
        if (directory == null) {
            return;
        }
        try (var files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A temp directory left behind is harmless.
        }
    }
}
