package site.paywall.payingcustomers.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "paying-customers", mixinStandardHelpOptions = true, version = "paying-customers 0.1.0",
        description = {"Grant and revoke access to paid content: membership of the Cognito group that the edge rules"
                + " name (paying-customers by default).",
                "",
                "The pool id comes from --user-pool-id or from the config file (a properties file with user-pool-id,"
                        + " group, region, profile, endpoint-url, audit-log). Options go after the command name.",
                "Every change writes one JSON audit line to stderr, or to --audit-log FILE."},
        subcommands = {GrantCommand.class, RevokeCommand.class, ListCommand.class, StatusCommand.class,
                ImportCommand.class, CreateGroupCommand.class, CommandLine.HelpCommand.class})
public final class PayingCustomersCommand implements Runnable {

    @Spec
    CommandSpec spec;

    private final Wiring wiring;

    public PayingCustomersCommand(Wiring wiring) {
        this.wiring = wiring;
    }

    Wiring wiring() {
        return wiring;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a command: grant, revoke, list, status, import or create-group");
    }

    /** The configured command line; tests call this with their own wiring and writers. */
    public static CommandLine commandLine(Wiring wiring, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new PayingCustomersCommand(wiring));
        cli.setOut(out);
        cli.setErr(err);
        // Every command's --help ends with the exit codes, from the one table that defines them.
        addExitCodes(cli);
        cli.getSubcommands().values().forEach(PayingCustomersCommand::addExitCodes);
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            // Only bugs get here: expected failures are typed outcomes. Show the trace so it can be reported.
            command.getErr().println("paying-customers: internal error (a bug): " + e);
            e.printStackTrace(command.getErr());
            return ExitCode.INTERNAL.code();
        });
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine failed = e.getCommandLine();
            failed.getErr().println("paying-customers: usage error: " + e.getMessage());
            failed.getErr().println("Try '" + failed.getCommandSpec().qualifiedName() + " --help'.");
            return ExitCode.USAGE.code();
        });
        return cli;
    }

    private static void addExitCodes(CommandLine cli) {
        cli.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCode.helpMap());
    }

    public static int run(Wiring wiring, PrintWriter out, PrintWriter err, String... args) {
        int code = commandLine(wiring, out, err).execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
