package site.paywall.payingcustomers.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The exact command that resumes a stopped run: the same program, command and options, with the users that were
 * not done (grant, revoke) or {@code --from-line N} (import). Re-running a line that was done is harmless, so
 * resuming at the line that was in flight is always safe.
 */
final class Resume {
    /** Set by scripts/paying-customers to the path it was run as, so the command can be pasted as it is. */
    static final String PROGRAM_ENV = "PAYING_CUSTOMERS_PROGRAM";
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private Resume() {
    }

    static String command(Map<String, String> env, ParseResult root, Optional<List<String>> positionals,
                          Optional<Integer> fromLine) {
        List<String> args = new ArrayList<>();
        String program = env.getOrDefault(PROGRAM_ENV, "");
        args.add(program.isBlank() ? "paying-customers" : program);
        addOptions(args, root);
        ParseResult sub = root.subcommand();
        args.add(sub.commandSpec().name());
        if (positionals.isPresent()) {
            args.addAll(positionals.get());
        } else {
            sub.matchedPositionals().forEach(p -> args.addAll(p.originalStringValues()));
        }
        addOptions(args, sub);
        fromLine.ifPresent(line -> {
            args.add("--from-line");
            args.add(String.valueOf(line));
        });
        return String.join(" ", args.stream().map(Resume::quote).toList());
    }

    private static void addOptions(List<String> args, ParseResult parsed) {
        for (OptionSpec option : parsed.matchedOptions()) {
            if (option.longestName().equals("--from-line")) {
                continue;
            }
            if (option.arity().max() == 0) {
                boolean negated = option.negatable() && Boolean.FALSE.equals(option.getValue());
                args.add(negated ? "--no-" + option.longestName().substring(2) : option.longestName());
            } else {
                for (String value : option.originalStringValues()) {
                    args.add(option.longestName());
                    args.add(value);
                }
            }
        }
    }

    static String quote(String arg) {
        if (PLAIN.matcher(arg).matches()) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }
}
