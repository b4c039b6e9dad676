package site.paywall.cloudformation;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Turns a template into JSON with cfn-lint's own YAML loader, so {@code !Ref}, {@code !Sub}, {@code !If} ...
 * come out as {@code {"Ref": ...}}, {@code {"Fn::Sub": ...}} exactly as CloudFormation reads them. One python3
 * process serves every template of a test class (importing cfn-lint takes about a second).
 */
final class CfnTemplateDecoder implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process python;
    private final BufferedWriter requests;
    private final BufferedReader answers;

    CfnTemplateDecoder() {
        Proc.require("python3", "install Python 3 with cfn-lint (pip install cfn-lint)");
        try {
            Path script = Path.of(CfnTemplateDecoder.class.getResource("/decode_templates.py").toURI());
            python = new ProcessBuilder("python3", "-u", script.toString())
                    .directory(Files.createTempDirectory("cfn-decode").toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            requests = new BufferedWriter(new OutputStreamWriter(python.getOutputStream(), StandardCharsets.UTF_8));
            answers = new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8));
            String hello = answers.readLine();
            JsonNode ready = hello == null ? null : JSON.readTree(hello);
            if (ready == null || !ready.path("ready").asBoolean()) {
                close();
                fail("cfn-lint is not installed for python3 (pip install cfn-lint): "
                        + (ready == null ? "decoder exited" : ready.path("error").asText()));
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("could not start the cfn-lint decoder: " + e.getMessage(), e);
        }
    }

    /** The decoded template; fails the test if cfn-lint cannot parse it. */
    synchronized JsonNode decode(Path template) {
        try {
            requests.write(template.toAbsolutePath().toString());
            requests.newLine();
            requests.flush();
            String line = answers.readLine();
            if (line == null) {
                fail("the cfn-lint decoder died while reading " + template);
            }
            JsonNode answer = JSON.readTree(line);
            if (answer.has("errors")) {
                fail("cfn-lint could not parse " + template + ": " + answer.get("errors"));
            }
            return answer.get("template");
        } catch (IOException e) {
            throw new IllegalStateException("talking to the cfn-lint decoder failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            requests.close();
        } catch (IOException | RuntimeException ignored) {
            // the process is stopped below either way
        }
        try {
            if (!python.waitFor(5, TimeUnit.SECONDS)) {
                python.destroyForcibly();
            }
        } catch (InterruptedException e) {
            python.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
