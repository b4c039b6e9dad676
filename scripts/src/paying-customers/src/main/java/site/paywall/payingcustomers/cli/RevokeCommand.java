package site.paywall.payingcustomers.cli;

import picocli.CommandLine.Command;
import site.paywall.payingcustomers.membership.Action;

@Command(name = "revoke", mixinStandardHelpOptions = true,
        description = {"Remove users from the group, then sign them out everywhere (AdminUserGlobalSignOut) so their"
                + " refresh tokens stop working.",
                "ID and access tokens already issued stay valid until they expire; the output states how long that can"
                        + " be. If the sign-out fails, the removal stands, is reported, and the exit code is 8: run"
                        + " revoke again to retry the sign-out."})
final class RevokeCommand extends ChangeCommand {
    @Override
    Action action() {
        return Action.REVOKE;
    }
}
