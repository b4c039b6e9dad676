package site.paywall.payingcustomers.membership;

import java.util.Optional;
import site.paywall.payingcustomers.cognito.Failure;

/** The outcome of one grant or revoke. */
public sealed interface Change permits Change.Done, Change.Failed {

    /** What the admin typed: a username or an email. */
    String requested();

    Action action();

    /** It worked; for a revoke (not a dry run) this includes the global sign-out. */
    record Done(String requested, String username, Action action, Effect effect, boolean dryRun) implements Change {
    }

    /**
     * It did not work. {@code username} is known when the user was resolved; {@code happened} is what changed
     * before the failure (a revoke whose sign-out failed: REMOVED or NOT_MEMBER).
     */
    record Failed(String requested, Optional<String> username, Action action, Failure failure,
                  Optional<Effect> happened) implements Change {
    }
}
