package site.paywall.payingcustomers.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import site.paywall.payingcustomers.cognito.CognitoFailure;
import site.paywall.payingcustomers.cognito.Failure;
import site.paywall.payingcustomers.output.Debug;
import site.paywall.payingcustomers.output.Json;

/**
 * What every command does around its own work: resolve settings, open a session, and turn an expected failure
 * into a message and an exit code (never a stack trace).
 */
abstract class ToolCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    PayingCustomersCommand root;

    /** Checks arguments before anything is sent; throws {@link UsageException}. */
    void validate() {
    }

    /** Whether the command can change anything (and so writes audit lines and arms Ctrl-C). */
    boolean changes() {
        return true;
    }

    abstract ExitCode run(Session session);

    CommonOptions options() {
        return root.options;
    }

    @Override
    public final Integer call() {
        Settings settings;
        try {
            validate();
            if (!changes() && options().auditLog != null) {
                throw new UsageException("--audit-log is for commands that change something (grant, revoke, import,"
                        + " create-group); " + spec.name() + " changes nothing and writes no audit line");
            }
            settings = Settings.resolve(options(), root.wiring().env(), root.wiring().home());
        } catch (UsageException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Debug debug = settings.debug() ? Debug.to(err) : Debug.OFF;
        describe(settings, debug);
        try (Session session = Session.open(settings, root.wiring(), out, err, debug, changes())) {
            return run(session).code();
        } catch (UsageException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        } catch (CognitoFailure e) {
            return fail(e.failure(), settings.json(), out, err).code();
        }
    }

    private void describe(Settings s, Debug debug) {
        if (!debug.on()) {
            return;
        }
        var http = s.connection().http();
        debug.log("paying-customers " + spec.name() + ": pool " + s.poolId() + ", group " + s.group() + ", region "
                + s.connection().region() + ", endpoint " + s.connection().endpointName());
        debug.log("config file: " + s.configFile().orElse("none") + "; profile: "
                + s.connection().profile().orElse("(default chain)") + "; audit log: "
                + s.auditLog().map(Object::toString).orElse("stderr"));
        debug.log("per attempt: connect timeout " + http.connectTimeout().toMillis() + " ms, read timeout "
                + http.readTimeout().toMillis() + " ms, deadline " + http.attemptDeadline().toMillis() + " ms; at most "
                + s.maxAttempts() + " attempts per call");
        debug.log("TLS: " + http.caBundle().map(ca -> ca.certificates() + " CA certificate(s) from " + ca.path())
                .orElse("the JVM's trusted CAs") + "; proxy variables for " + http.proxyScheme() + ": "
                + proxyVariables(http.proxyScheme()));
    }

    private String proxyVariables(String scheme) {
        List<String> names = List.of(scheme.toUpperCase(java.util.Locale.ROOT) + "_PROXY", scheme + "_proxy",
                "NO_PROXY", "no_proxy");
        List<String> set = names.stream().filter(n -> root.wiring().env().get(n) != null).toList();
        return set.isEmpty() ? "none set" : String.join(", ", set) + " set";
    }

    /** Reports a failure that ended the command: on stderr, and as JSON on stdout when --json is set. */
    ExitCode fail(Failure failure, boolean json, PrintWriter out, PrintWriter err) {
        ExitCode code = ExitCode.of(failure.kind());
        err.println("paying-customers " + spec.name() + ": error: " + failure.kind().label() + ": "
                + failure.message());
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("command", spec.name());
            m.put("error", Render.error(failure.kind().label(), failure.message()));
            m.put("exitCode", code.code());
            out.println(Json.write(m));
        }
        return code;
    }

    Map<String, Object> header(Session session) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", spec.name());
        m.put("pool", session.settings.poolId());
        m.put("group", session.settings.group());
        return m;
    }
}
