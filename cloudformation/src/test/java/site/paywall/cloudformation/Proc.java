package site.paywall.cloudformation;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Runs external commands (cfn-lint, aws, our bash scripts) with a timeout; output goes to temp files. */
final class Proc {
    private Proc() {}

    record Result(List<String> command, int exitCode, String stdout, String stderr) {
        String describe() {
            return "command " + command + " exited " + exitCode + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n"
                    + stderr;
        }
    }

    static Result run(List<String> command, Path workDir, Duration timeout, Consumer<Map<String, String>> env) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("proc-out", ".txt");
            err = Files.createTempFile("proc-err", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            env.accept(builder.environment());
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                fail("timed out after " + timeout + ": " + command);
            }
            return new Result(command, process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    static Result run(List<String> command, Path workDir, Duration timeout) {
        return run(command, workDir, timeout, env -> {});
    }

    /** The executable's path if {@code name} is on PATH. */
    static Optional<Path> onPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Fails the calling test with a clear message when a tool the test needs is missing. */
    static Path require(String name, String howToInstall) {
        return onPath(name).orElseGet(() -> fail("'" + name + "' is not on PATH; " + howToInstall));
    }

    private static void deleteQuietly(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // temp file; the OS cleans up
            }
        }
    }
}
