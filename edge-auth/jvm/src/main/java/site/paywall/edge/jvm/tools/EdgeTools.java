package site.paywall.edge.jvm.tools;

import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;

/**
 * Entry point of the tools jar: {@code edge-bundle ARGS…} or {@code edge-replay ARGS…} (what scripts/edge-bundle
 * and scripts/edge-replay run). Expected failures print one line (or one list) and exit with a documented code.
 */
public final class EdgeTools {

    private EdgeTools() { }

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    static int run(PrintWriter out, PrintWriter err, String... args) {
        if (args.length == 0 || !(args[0].equals("edge-bundle") || args[0].equals("edge-replay"))) {
            err.println("usage: java -jar edge-auth-tools.jar edge-bundle|edge-replay [ARGS...] (see --help)");
            return 2;
        }
        Object command = args[0].equals("edge-bundle") ? new BundleCommand() : new ReplayCommand();
        CommandLine line = new CommandLine(command).setOut(out).setErr(err).setCaseInsensitiveEnumValuesAllowed(true);
        line.setExecutionExceptionHandler((failure, failed, parsed) -> {
            if (failure instanceof ToolError error) {
                failed.getErr().println(failed.getCommandName() + ": error: " + error.getMessage());
                return error.exitCode();
            }
            throw failure;
        });
        return line.execute(Arrays.copyOfRange(args, 1, args.length));
    }
}
