package site.paywall.edge.jvm.tools;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;

/**
 * Entry point of the tools jar: {@code edge-bundle ARGS…}, {@code edge-replay ARGS…} or {@code edge-serve ARGS…}
 * (what scripts/edge-bundle, scripts/edge-replay and scripts/local-site --engine jvm run). Expected failures print
 * one line (or one list) and exit with a documented code.
 */
public final class EdgeTools {

    private EdgeTools() { }

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(System.in, out, err, args);
    }

    /** {@code in} is what edge-serve reads its requests from. */
    static int run(InputStream in, PrintWriter out, PrintWriter err, String... args) {
        Object command = args.length == 0 ? null : switch (args[0]) {
            case "edge-bundle" -> new BundleCommand();
            case "edge-replay" -> new ReplayCommand();
            case "edge-serve" -> new ServeCommand(in);
            default -> null;
        };
        if (command == null) {
            err.println("usage: java -jar edge-auth-tools.jar edge-bundle|edge-replay|edge-serve [ARGS...]"
                    + " (see --help)");
            return 2;
        }
        CommandLine line = new CommandLine(command).setOut(out).setErr(err).setCaseInsensitiveEnumValuesAllowed(true);
        line.setParameterExceptionHandler((failure, ignored) -> {
            String name = failure.getCommandLine().getCommandName();
            err.println(name + ": usage error: " + failure.getMessage());
            err.println(name + ": run '" + name + " --help' for the options");
            return 2;
        });
        line.setExecutionExceptionHandler((failure, failed, parsed) -> {
            failed.getErr().println(failed.getCommandName() + ": " + describe(failure));
            if (!(failure instanceof ToolError) && "1".equals(System.getenv("EDGE_TOOLS_TRACE"))) {
                failure.printStackTrace(failed.getErr());
            }
            return failure instanceof ToolError error ? error.exitCode() : ToolError.INTERNAL;
        });
        return line.execute(Arrays.copyOfRange(args, 1, args.length));
    }

    /**
     * The one line a failure prints. An expected one says what to fix; anything else is a bug in the tool, named by
     * its exception class and where it was thrown — not its message, which may quote the input (a token, a cookie).
     */
    static String describe(Exception failure) {
        if (failure instanceof ToolError error) {
            return "error: " + error.getMessage();
        }
        StackTraceElement[] trace = failure.getStackTrace();
        String where = trace.length == 0 ? "" : " at " + trace[0].getClassName() + ":" + trace[0].getLineNumber();
        return "internal error: " + failure.getClass().getName() + where
                + " (a bug in the tool: please report it with the command; EDGE_TOOLS_TRACE=1 prints the stack trace)";
    }
}
