package site.paywall.payingcustomers.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The tool's self-contained jar run as its own process (failsafe, after package), for what needs a real process:
 * being killed, Ctrl-C, environment variables the SDK reads itself. The environment is minimal, so nothing from
 * the developer's AWS setup leaks in. Stopped by the test that started it.
 */
public final class ToolProcess {
    public static final Path JAR = Path.of(System.getProperty("shaded.jar", "target/paying-customers.jar"));
    private final Process process;
    private final Path out;
    private final Path err;

    private ToolProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** PATH, HOME, empty AWS files, no instance metadata; add what a test needs. */
    public static Map<String, String> cleanEnv(Path home) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv("PATH"));
        env.put("HOME", home.toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("no-credentials").toString());
        env.put("AWS_CONFIG_FILE", home.resolve("no-config").toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        if (System.getenv("JAVA_HOME") != null) {
            env.put("JAVA_HOME", System.getenv("JAVA_HOME"));
        }
        return env;
    }

    public static Map<String, String> dummyCredentials(Path home) {
        Map<String, String> env = cleanEnv(home);
        env.put("AWS_ACCESS_KEY_ID", "testing");
        env.put("AWS_SECRET_ACCESS_KEY", "testing");
        return env;
    }

    public static ToolProcess start(Path dir, Map<String, String> env, String... args) {
        return start(dir, env, false, args);
    }

    /**
     * @param defaultSigint start through python3 with SIGINT reset to its default: a JVM started by a process
     *                      that ignores SIGINT (a background job, some CI runners) inherits "ignored" and could
     *                      not see Ctrl-C at all
     */
    public static ToolProcess start(Path dir, Map<String, String> env, boolean defaultSigint, String... args) {
        List<String> command = new ArrayList<>();
        if (defaultSigint) {
            command.addAll(List.of("python3", "-c",
                    "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL);"
                            + " os.execvp(sys.argv[1], sys.argv[1:])"));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-XX:TieredStopAtLevel=1", "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile(dir, "out", ".txt");
            Path err = Files.createTempFile(dir, "err", ".txt");
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
            pb.environment().clear();
            pb.environment().putAll(env);
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            return new ToolProcess(p, out, err);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the tool: " + e, e);
        }
    }

    public static CliRun run(Path dir, Map<String, String> env, String... args) {
        return start(dir, env, args).await(Duration.ofSeconds(120));
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** SIGINT, as Ctrl-C on a terminal sends it (through python3, which the tests need for moto anyway). */
    public void interrupt() {
        try {
            Process kill = new ProcessBuilder("python3", "-c", "import os, signal, sys; os.kill(int(sys.argv[1]),"
                    + " signal.SIGINT)", String.valueOf(process.pid())).start();
            kill.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new IllegalStateException("cannot send SIGINT: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGKILL: the process gets no chance to write anything more. */
    public CliRun kill() {
        process.destroyForcibly();
        return await(Duration.ofSeconds(30));
    }

    public String stderrSoFar() {
        try {
            return Files.readString(err);
        } catch (IOException e) {
            return "";
        }
    }

    public CliRun await(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                throw new AssertionError("the tool did not finish within " + timeout + "; stderr so far:\n"
                        + stderrSoFar());
            }
            return new CliRun(process.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
