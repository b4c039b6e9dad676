package site.paywall.payingcustomers.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import site.paywall.payingcustomers.membership.Action;

@Command(name = "revoke", mixinStandardHelpOptions = true,
        description = {"Remove users from the group, then sign them out everywhere (AdminUserGlobalSignOut) so their"
                        + " refresh tokens stop working. A user who is not a member is left alone (nothing changes)"
                        + " unless --sign-out-anyway is given.",
                "ID and access tokens already issued stay valid until they expire; the output states how long that can"
                        + " be. If the sign-out fails, the removal stands, is reported, and the exit code is 8: run"
                        + " revoke --sign-out-anyway for that user to retry the sign-out."})
final class RevokeCommand extends ChangeCommand {
    @Option(names = "--sign-out-anyway", description = "Also sign out everywhere users who are not members (e.g. to"
            + " retry a sign-out that failed after the removal).")
    boolean signOutAnyway;

    @Override
    Action action() {
        return Action.REVOKE;
    }

    @Override
    boolean signOutAnyway() {
        return signOutAnyway;
    }
}
