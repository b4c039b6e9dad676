package site.paywall.edge.conformance.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build step that marks the bundle for V8's eager compilation (edge-auth/edge/src/build/eager-compile.js):
 * the shipped authorizer.js carries its mark, a second run changes nothing, and whatever it cannot handle fails
 * the build with one line, leaving the file as it was.
 */
class EagerCompileScriptTest {

    private static final Path SCRIPT = Path.of("..", "edge", "src", "build", "eager-compile.js");
    private static final Pattern MARK = Pattern.compile("^// eager-compile: (\\d+) functions marked");

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) { }

    @Test
    void theShippedBundleIsMarkedAndASecondRunLeavesItAlone() throws Exception {
        byte[] shipped;
        try (InputStream in = EagerCompileScriptTest.class.getResourceAsStream("/lambda-edge/authorizer.js")) {
            assertTrue(in != null, "lambda-edge/authorizer.js is not on the classpath");
            shipped = in.readAllBytes();
        }
        Matcher mark = MARK.matcher(new String(shipped, 0, 80, StandardCharsets.UTF_8));
        assertTrue(mark.find(), "the shipped authorizer.js carries no eager-compile mark");
        // Most of what a first request runs (about 290 functions today); far fewer means the rewrite stopped
        // recognising TeaVM's output, which the script only refuses outright at zero.
        assertTrue(Integer.parseInt(mark.group(1)) >= 200, "only " + mark.group(1) + " functions marked");

        Path copy = dir.resolve("authorizer.js");
        Files.write(copy, shipped);
        Run again = run(copy.toString());
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("already marked; unchanged"), again.out());
        assertArrayEquals(shipped, Files.readAllBytes(copy));
    }

    @Test
    void whatItCannotHandleFailsTheBuildWithOneLineAndIsLeftAlone() throws Exception {
        assertFails(file("not-a-bundle.js", "module.exports = {};\n"), "exports no configure() and handle()");
        assertFails(file("broken.js", "this is not JavaScript(\n"), "cannot load a copy of authorizer.js");
        assertFails(file("wrong-answers.js", "exports.configure = () => {};\n"
                + "exports.handle = () => ({result: {status: '401'}});\n"),
                "training request \"a public page\" got status 401, expected forward");
        Run missing = run(dir.resolve("missing.js").toString());
        assertOneErrorLine(missing, "cannot read");
        assertOneErrorLine(run(), "usage: node eager-compile.js <authorizer.js>");
    }

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private void assertFails(Path file, String message) throws Exception {
        byte[] before = Files.readAllBytes(file);
        assertOneErrorLine(run(file.toString()), message);
        assertArrayEquals(before, Files.readAllBytes(file), file + " was changed");
    }

    private static void assertOneErrorLine(Run run, String message) {
        assertEquals(1, run.code(), run.err());
        List<String> lines = run.err().lines().toList();
        assertEquals(1, lines.size(), run.err());
        assertTrue(lines.get(0).startsWith("eager-compile: error: ") && lines.get(0).contains(message), run.err());
    }

    private static Run run(String... args) throws Exception {
        assertTrue(Files.isRegularFile(SCRIPT), SCRIPT.toAbsolutePath() + " is missing");
        List<String> command = new ArrayList<>(List.of("node", SCRIPT.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.waitFor(), out, err);
    }
}
