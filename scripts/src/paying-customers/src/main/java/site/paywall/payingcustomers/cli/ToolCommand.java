package site.paywall.payingcustomers.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import site.paywall.payingcustomers.cognito.CognitoFailure;
import site.paywall.payingcustomers.cognito.Failure;
import site.paywall.payingcustomers.output.Json;

/**
 * What every command does around its own work: resolve settings, open a session, and turn an expected failure
 * into a message and an exit code (never a stack trace).
 */
abstract class ToolCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @Spec
    CommandSpec spec;

    @ParentCommand
    PayingCustomersCommand root;

    /** Checks arguments before anything is sent; throws {@link UsageException}. */
    void validate() {
    }

    abstract ExitCode run(Session session);

    @Override
    public final Integer call() {
        Settings settings;
        try {
            validate();
            settings = Settings.resolve(options, root.wiring().env(), root.wiring().home());
        } catch (UsageException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Session session = Session.open(settings, root.wiring(), out, err)) {
            return run(session).code();
        } catch (UsageException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        } catch (CognitoFailure e) {
            return fail(e.failure(), settings.json(), out, err).code();
        }
    }

    /** Reports a failure that ended the command: on stderr, and as JSON on stdout when --json is set. */
    ExitCode fail(Failure failure, boolean json, PrintWriter out, PrintWriter err) {
        ExitCode code = ExitCode.of(failure.kind());
        err.println("paying-customers " + spec.name() + ": error: " + failure.kind().label() + ": " + failure.message());
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
