package site.paywall.payingcustomers.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import site.paywall.payingcustomers.cognito.PoolUser;
import site.paywall.payingcustomers.output.Json;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List every member of the group (all pages) with username, email, status, enabled and created"
                + " date.")
final class ListCommand extends ToolCommand {

    @Option(names = "--page-size", paramLabel = "N", defaultValue = "60",
            description = "Users per ListUsersInGroup call, 1-60 (default ${DEFAULT-VALUE}); all pages are read"
                    + " either way.")
    int pageSize;

    @Override
    void validate() {
        if (pageSize < 1 || pageSize > 60) {
            throw new UsageException("--page-size must be between 1 and 60, not " + pageSize);
        }
    }

    @Override
    boolean changes() {
        return false;
    }

    @Override
    ExitCode run(Session session) {
        session.membership.checkPoolAndGroup();
        List<PoolUser> members = session.membership.members(pageSize);
        if (session.settings.json()) {
            Map<String, Object> m = header(session);
            m.put("count", members.size());
            m.put("members", members.stream().map(ListCommand::json).toList());
            m.put("exitCode", 0);
            session.out.println(Json.write(m));
            return ExitCode.OK;
        }
        if (!members.isEmpty()) {
            int nameWidth = Math.max(8, members.stream().mapToInt(u -> u.username().length()).max().orElse(0));
            int emailWidth = Math.max(5,
                    members.stream().mapToInt(u -> u.email().orElse("-").length()).max().orElse(0));
            String row = "%-" + nameWidth + "s  %-" + emailWidth + "s  %-22s %-8s %s%n";
            session.out.printf(row, "USERNAME", "EMAIL", "STATUS", "ENABLED", "CREATED");
            for (PoolUser u : members) {
                session.out.printf(row, u.username(), u.email().orElse("-"), u.status(), u.enabled() ? "yes" : "no",
                        Render.date(u.created()));
            }
        }
        session.out.println(members.size() + " member" + (members.size() == 1 ? "" : "s") + " in group '"
                + session.settings.group() + "' of pool " + session.settings.poolId() + ".");
        return ExitCode.OK;
    }

    static Map<String, Object> json(PoolUser u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("username", u.username());
        m.put("email", u.email());
        m.put("status", u.status());
        m.put("enabled", u.enabled());
        m.put("created", u.created().map(Object::toString));
        return m;
    }
}
