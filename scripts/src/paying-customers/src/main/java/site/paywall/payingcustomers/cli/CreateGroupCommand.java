package site.paywall.payingcustomers.cli;

import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import site.paywall.payingcustomers.membership.GroupCreation;
import site.paywall.payingcustomers.output.Json;

@Command(name = "create-group", mixinStandardHelpOptions = true,
        description = "Create the group if it does not exist yet (safe to run again: an existing group is left as it"
                + " is).")
final class CreateGroupCommand extends ToolCommand {

    static final String DEFAULT_DESCRIPTION =
            "Paying customers: members may read paid content. Managed with scripts/paying-customers.";

    @Option(names = "--description", paramLabel = "TEXT", defaultValue = DEFAULT_DESCRIPTION,
            description = "Description for a new group (default: \"${DEFAULT-VALUE}\").")
    String description;

    @Override
    void validate() {
        if (description.length() > 2048) {
            throw new UsageException("--description is longer than the 2048 characters Cognito allows");
        }
    }

    @Override
    ExitCode run(Session session) {
        session.membership.checkPool();
        GroupCreation result = session.membership.createGroup(description);
        String group = session.settings.group();
        if (session.settings.json()) {
            Map<String, Object> m = header(session);
            m.put("outcome", result.created() ? "created" : "already-exists");
            m.put("description", result.description());
            result.note().ifPresent(n -> m.put("note", n));
            m.put("exitCode", 0);
            session.out.println(Json.write(m));
        } else if (result.created()) {
            session.out.println("created: group '" + group + "' in pool " + session.settings.poolId()
                    + " (description: " + result.description() + ")"
                    + result.note().map(n -> " (" + n + ")").orElse(""));
        } else {
            session.out.println("unchanged: group '" + group + "' already exists in pool " + session.settings.poolId()
                    + " (description: " + (result.description().isEmpty() ? "none" : result.description()) + ")");
        }
        return ExitCode.OK;
    }
}
