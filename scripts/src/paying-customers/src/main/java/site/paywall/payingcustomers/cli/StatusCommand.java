package site.paywall.payingcustomers.cli;

import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import site.paywall.payingcustomers.membership.MemberStatus;
import site.paywall.payingcustomers.membership.UserInput;
import site.paywall.payingcustomers.output.Json;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show whether a user is a member of the group, their user status, whether they are enabled, and"
                + " all their groups.")
final class StatusCommand extends ToolCommand {

    @Parameters(paramLabel = "USER", description = "Username or email of a user of the pool.")
    String user;

    @Override
    void validate() {
        user = UserInput.trim(user);
        UserInput.problem(user).ifPresent(p -> {
            throw new UsageException("bad USER '" + user + "': " + p);
        });
    }

    @Override
    boolean changes() {
        return false;
    }

    @Override
    ExitCode run(Session session) {
        session.membership.checkPoolAndGroup();
        MemberStatus s = session.membership.status(user);
        String group = session.settings.group();
        if (session.settings.json()) {
            Map<String, Object> m = header(session);
            m.put("requested", s.requested());
            m.put("username", s.user().username());
            m.put("email", s.user().email());
            m.put("member", s.member());
            m.put("userStatus", s.user().status());
            m.put("enabled", s.user().enabled());
            m.put("groups", s.groups());
            m.put("created", s.user().created().map(Object::toString));
            m.put("exitCode", 0);
            session.out.println(Json.write(m));
            return ExitCode.OK;
        }
        session.out.println("user:     " + Render.who(s.requested(), s.user().username()));
        session.out.println("email:    " + s.user().email().orElse("-"));
        session.out.println("member:   " + (s.member() ? "yes, in '" + group + "'" : "no, not in '" + group + "'"));
        session.out.println("status:   " + s.user().status());
        session.out.println("enabled:  " + (s.user().enabled() ? "yes" : "no (cannot sign in)"));
        session.out.println("groups:   " + (s.groups().isEmpty() ? "(none)" : String.join(", ", s.groups())));
        session.out.println("created:  " + Render.date(s.user().created()));
        return ExitCode.OK;
    }
}
