package site.paywall.edge.jvm.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import site.paywall.edge.jvm.JvmPlatform;
import site.paywall.edge.jvm.ReferenceHandler;
import site.paywall.edge.jvm.engine.InvalidConfigException;

/**
 * {@code edge-serve}: the JVM reference as a long-running process for a local site's gateway (scripts/local-site
 * --engine jvm). One request per stdin line, {@code {"id": N, "event": {...}}}; one answer per stdout line, in
 * completion order, {@code {"id": N, "result": {...}}} or {@code {"id": N, "error": "..."}}. Sign-in steps call
 * Cognito live, as the bundle does under the gateway. The first stdout line, {@code {"ready": true}}, says the
 * config validated. Decision log lines go to stderr. End of stdin ends the process once answers are written.
 */
@Command(name = "edge-serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serves the JVM reference (nimbus-jose-jwt) over stdin/stdout for a local gateway: reads",
            "{\"id\": N, \"event\": {...}} lines, writes {\"id\": N, \"result\": {...}} (or \"error\") lines,",
            "after a first {\"ready\": true}. Sign-in steps call Cognito live. Decision log lines go to stderr."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stdin ended and every request was answered", "2:usage error",
            "3:the config cannot be read", "4:the config is not valid JSON", "5:the config is invalid",
            "6:the JWKS cannot be fetched", "1:an internal error (a bug: please report it)"})
final class ServeCommand implements Callable<Integer> {

    /** Requests decided at once: a sign-in step waits on Cognito for up to three seconds, others need not wait. */
    static final int WORKERS = 8;

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "site config (JSON; the config.json edge-bundle writes, or a source config)")
    private Path config;

    private final InputStream in;

    ServeCommand(InputStream in) {
        this.in = in;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        ObjectNode resolved = SourceConfig.resolve(config, Optional.empty(), JwksFetcher::fetch, err::println);
        ReferenceHandler handler;
        try {
            handler = new ReferenceHandler(resolved, System::currentTimeMillis, line -> {
                synchronized (err) {
                    err.println(line);
                }
            });
        } catch (InvalidConfigException e) {
            throw new ToolError(ToolError.INVALID_CONFIG, e.getMessage());
        }
        Object outLock = new Object();
        write(out, outLock, "{\"ready\":true}");
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                String request = line;
                workers.execute(() -> write(out, outLock, answer(handler, request)));
            }
        } finally {
            workers.shutdown();
            workers.awaitTermination(1, TimeUnit.MINUTES);
        }
        return 0;
    }

    /** One answer line; any failure is an error answer the gateway turns into CloudFront's 503, never a forward. */
    static String answer(ReferenceHandler handler, String line) {
        ObjectNode answer = JvmPlatform.STRICT_JSON.createObjectNode();
        JsonNode request;
        try {
            request = JvmPlatform.STRICT_JSON.readTree(line);
        } catch (JsonProcessingException e) {
            answer.putNull("id");
            answer.put("error", "a request line is not valid JSON");
            return answer.toString();
        }
        answer.set("id", request.path("id"));
        if (!request.path("id").isIntegralNumber() || !request.path("event").isObject()) {
            answer.put("error", "a request line needs an integer \"id\" and an \"event\" object");
            return answer.toString();
        }
        try {
            Map<String, Object> event = JvmPlatform.STRICT_JSON.convertValue(request.get("event"), MAP);
            answer.set("result", JvmPlatform.STRICT_JSON.valueToTree(handler.handleRequest(event, null)));
        } catch (RuntimeException e) {
            answer.put("error", "the reference failed: " + e.getClass().getSimpleName());
        }
        return answer.toString();
    }

    private static void write(PrintWriter out, Object lock, String line) {
        synchronized (lock) {
            out.println(line);
            out.flush();
        }
    }
}
