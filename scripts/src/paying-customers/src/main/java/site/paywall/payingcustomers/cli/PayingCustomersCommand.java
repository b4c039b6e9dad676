package site.paywall.payingcustomers.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

@Command(name = "paying-customers", mixinStandardHelpOptions = true, version = "paying-customers 0.1.0",
        description = {"Grant and revoke access to paid content: membership of the Cognito group that the edge rules"
                        + " name (paying-customers by default).",
                "",
                "The pool id comes from --user-pool-id or from the config file (a properties file with user-pool-id,"
                        + " group, region, profile, endpoint-url, audit-log). The options below go before or after the"
                        + " command name; a command's own options (--dry-run…) go after it.",
                "Every change writes two JSON audit lines, its intent before the call and its outcome after it, to"
                        + " stderr or to --audit-log FILE."},
        subcommands = {GrantCommand.class, RevokeCommand.class, ListCommand.class, StatusCommand.class,
                ImportCommand.class, CreateGroupCommand.class, CommandLine.HelpCommand.class})
public final class PayingCustomersCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions options;

    private final Wiring wiring;

    public PayingCustomersCommand(Wiring wiring) {
        this.wiring = wiring;
    }

    Wiring wiring() {
        return wiring;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(),
                "name a command: grant, revoke, list, status, import or create-group");
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
            PrintWriter errors = failed.getErr();
            errors.println("paying-customers: usage error: " + unknownCommand(e).orElse(e.getMessage()));
            misplacedOptions(e).forEach(hint -> errors.println("paying-customers: " + hint));
            // picocli's "Did you mean: paying-customers grant?" for typos in commands and options.
            UnmatchedArgumentException.printSuggestions(e, errors);
            errors.println("Try '" + failed.getCommandSpec().qualifiedName() + " --help'.");
            errors.flush();
            return ExitCode.USAGE.code();
        });
        return cli;
    }

    /** "'grnat' is not a command" instead of picocli's "Unmatched arguments from index 0". */
    private static java.util.Optional<String> unknownCommand(ParameterException e) {
        if (e instanceof UnmatchedArgumentException unmatched && e.getCommandLine().getParent() == null
                && !unmatched.getUnmatched().isEmpty() && !unmatched.getUnmatched().get(0).startsWith("-")) {
            return java.util.Optional.of("'" + unmatched.getUnmatched().get(0) + "' is not a command (commands: "
                    + String.join(", ", e.getCommandLine().getSubcommands().keySet()) + ")");
        }
        return java.util.Optional.empty();
    }

    /**
     * A command's own option given before the command name (aws-cli allows that for global options only): name
     * the commands it belongs to and where it goes.
     */
    private static List<String> misplacedOptions(ParameterException e) {
        List<String> hints = new ArrayList<>();
        if (!(e instanceof UnmatchedArgumentException unmatched) || e.getCommandLine().getParent() != null) {
            return hints;
        }
        for (String arg : unmatched.getUnmatched()) {
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (!name.startsWith("-")) {
                continue;
            }
            List<String> owners = e.getCommandLine().getSubcommands().values().stream()
                    .filter(sub -> sub.getCommandSpec().findOption(name) != null)
                    .map(sub -> sub.getCommandName()).distinct().toList();
            if (!owners.isEmpty()) {
                hints.add(name + " is an option of " + String.join(", ", owners) + ": put it after the command name,"
                        + " e.g. paying-customers " + owners.get(0) + " " + name + " ...");
            }
        }
        return hints;
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
