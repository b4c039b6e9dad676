package site.paywall.payingcustomers.membership;

import java.util.Optional;
import site.paywall.payingcustomers.cognito.Failure;

/** The outcome of one grant or revoke: done, failed (not applied), or unknown (the answer and the read-back lost). */
public sealed interface Change permits Change.Done, Change.Failed, Change.Unknown {

    /** What the admin typed: a username or an email. */
    String requested();

    Action action();

    /**
     * It worked; for a revoke (not a dry run) this includes the global sign-out. {@code note} says how the tool
     * knows when the answer itself was lost (read back) or what a dry run took into account.
     */
    record Done(String requested, String username, Action action, Effect effect, boolean dryRun,
                Optional<String> note) implements Change {
        public Done(String requested, String username, Action action, Effect effect, boolean dryRun) {
            this(requested, username, action, effect, dryRun, Optional.empty());
        }
    }

    /**
     * It did not work. {@code username} is known when the user was resolved; {@code happened} is what changed
     * before the failure (a revoke whose sign-out failed: REMOVED or SIGNED_OUT's NOT_MEMBER; a change whose
     * outcome could not be audited: its effect).
     */
    record Failed(String requested, Optional<String> username, Action action, Failure failure,
                  Optional<Effect> happened) implements Change {
    }

    /** Cognito's answer was lost and reading the state back failed too: it may or may not have been applied. */
    record Unknown(String requested, String username, Action action, Failure failure) implements Change {
    }
}
