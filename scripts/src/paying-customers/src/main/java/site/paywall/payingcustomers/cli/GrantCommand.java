package site.paywall.payingcustomers.cli;

import picocli.CommandLine.Command;
import site.paywall.payingcustomers.membership.Action;

@Command(name = "grant", mixinStandardHelpOptions = true,
        description = {"Add users to the group. A user who is already a member is left alone, and the output says so."})
final class GrantCommand extends ChangeCommand {
    @Override
    Action action() {
        return Action.GRANT;
    }
}
