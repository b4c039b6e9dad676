package site.paywall.payingcustomers.cli;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import site.paywall.payingcustomers.cognito.Failure;
import site.paywall.payingcustomers.membership.Action;
import site.paywall.payingcustomers.membership.Batch;
import site.paywall.payingcustomers.membership.BatchResult;
import site.paywall.payingcustomers.membership.Change;
import site.paywall.payingcustomers.membership.Effect;
import site.paywall.payingcustomers.membership.TokenLifetime;

/** Words and JSON for outcomes, shared by grant, revoke and import. */
final class Render {
    private Render() {
    }

    static String who(String requested, String username) {
        return requested.equals(username) ? username : username + " (" + requested + ")";
    }

    static String text(Change change, String group) {
        if (change instanceof Change.Done done) {
            String who = who(done.requested(), done.username());
            String text = switch (done.effect()) {
                case ADDED -> "granted: " + who + " added to group '" + group + "'";
                case ALREADY_MEMBER -> done.dryRun() && done.note().isPresent()
                        ? "dry run: " + who + " would already be a member of '" + group + "'; nothing to do"
                        : "unchanged: " + who + " is already a member of '" + group + "'; nothing to do";
                case WOULD_ADD -> "dry run: would add " + who + " to '" + group + "'";
                case REMOVED -> "revoked: " + who + " removed from '" + group
                        + "' and signed out everywhere (refresh tokens no longer work)";
                case NOT_MEMBER -> done.dryRun()
                        ? "dry run: " + who + " is not a member of '" + group + "'; nothing would change"
                        : "unchanged: " + who + " is not a member of '" + group + "'; nothing changed (not signed out;"
                                + " --sign-out-anyway signs a user out everywhere)";
                case SIGNED_OUT -> "unchanged: " + who + " was not a member of '" + group + "'; signed out everywhere"
                        + " anyway (--sign-out-anyway)";
                case WOULD_REMOVE -> "dry run: would remove " + who + " from '" + group + "' and sign out everywhere";
                case WOULD_SIGN_OUT -> "dry run: " + who + " is not a member of '" + group + "'; would only sign out"
                        + " everywhere (--sign-out-anyway)";
            };
            return text + done.note().map(n -> " (" + n + ")").orElse("");
        }
        if (change instanceof Change.Unknown unknown) {
            return "UNKNOWN: " + unknown.action().label() + " " + who(unknown.requested(), unknown.username()) + ": "
                    + unknown.failure().kind().label() + ": " + unknown.failure().message();
        }
        Change.Failed failed = (Change.Failed) change;
        String who = failed.username().map(u -> who(failed.requested(), u)).orElse(failed.requested());
        return "FAILED: " + failed.action().label() + " " + who + ": " + failed.failure().kind().label() + ": "
                + failed.failure().message();
    }

    static String text(BatchResult result, String group) {
        if (result instanceof BatchResult.Ran ran) {
            return text(ran.change(), group);
        }
        if (result instanceof BatchResult.Rejected rejected) {
            return "FAILED: bad line '" + rejected.malformed().text() + "': " + rejected.malformed().reason();
        }
        BatchResult.NotAttempted skipped = (BatchResult.NotAttempted) result;
        return "NOT ATTEMPTED: " + skipped.instruction().action().label() + " " + skipped.instruction().user()
                + " (" + stoppedBy(skipped.stoppedBy()) + ")";
    }

    static String stoppedBy(Failure stop) {
        return switch (stop.kind()) {
            case INTERRUPTED -> "stopped by Ctrl-C";
            case UNAVAILABLE -> "stopped: Cognito is not answering";
            default -> "stopped by the earlier " + stop.kind().label() + " error";
        };
    }

    /** The outcome label used in JSON and summaries. */
    static String outcome(BatchResult result) {
        if (result instanceof BatchResult.Ran ran) {
            if (ran.change() instanceof Change.Unknown) {
                return "unknown";
            }
            return ran.change() instanceof Change.Done done ? done.effect().label() : "failed";
        }
        return result instanceof BatchResult.Rejected ? "failed" : "not-attempted";
    }

    static Optional<Failure> failure(BatchResult result) {
        if (result instanceof BatchResult.Ran ran) {
            return Batch.failureOf(ran.change());
        }
        if (result instanceof BatchResult.NotAttempted skipped) {
            return Optional.of(skipped.stoppedBy());
        }
        return Optional.empty();
    }

    static Map<String, Object> json(BatchResult result, boolean withLine) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (withLine) {
            m.put("line", result.line());
        }
        if (result instanceof BatchResult.Rejected rejected) {
            m.put("text", rejected.malformed().text());
            m.put("outcome", "failed");
            m.put("error", error("invalid-input", rejected.malformed().reason()));
            return m;
        }
        if (result instanceof BatchResult.NotAttempted skipped) {
            m.put("action", skipped.instruction().action().label());
            m.put("requested", skipped.instruction().user());
            m.put("outcome", "not-attempted");
            m.put("error", error(skipped.stoppedBy().kind().label(), "stopped by an earlier error: "
                    + skipped.stoppedBy().message()));
            return m;
        }
        Change change = ((BatchResult.Ran) result).change();
        m.put("action", change.action().label());
        m.put("requested", change.requested());
        if (change instanceof Change.Done done) {
            m.put("username", done.username());
            m.put("outcome", done.effect().label());
            m.put("dryRun", done.dryRun());
            if (done.action() == Action.REVOKE) {
                m.put("signedOut",
                        !done.dryRun() && (done.effect() == Effect.REMOVED || done.effect() == Effect.SIGNED_OUT));
            }
            done.note().ifPresent(n -> m.put("note", n));
        } else if (change instanceof Change.Unknown unknown) {
            m.put("username", unknown.username());
            m.put("outcome", "unknown");
            m.put("error", error(unknown.failure().kind().label(), unknown.failure().message()));
        } else {
            Change.Failed failed = (Change.Failed) change;
            m.put("username", failed.username());
            m.put("outcome", "failed");
            failed.happened().ifPresent(e -> m.put("happened", e.label()));
            if (failed.action() == Action.REVOKE) {
                m.put("signedOut", false);
            }
            m.put("error", error(failed.failure().kind().label(), failed.failure().message()));
        }
        return m;
    }

    static Map<String, Object> error(String kind, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind);
        m.put("message", message);
        return m;
    }

    /** What remains true after a revoke: tokens already issued keep working until they expire. */
    static String tokenLifetimeText(TokenLifetime lifetime) {
        if (lifetime instanceof TokenLifetime.Known known) {
            return "Still true: ID and access tokens issued before the revoke stay valid until they expire, up to "
                    + TokenLifetime.describe(known.longest()) + " (longest lifetime over " + known.appClients()
                    + " app client" + (known.appClients() == 1 ? "" : "s") + ": " + known.token() + " of '"
                    + known.clientName() + "'). The site accepts them until then.";
        }
        if (lifetime instanceof TokenLifetime.NoAppClients) {
            return "Still true: tokens issued earlier stay valid until they expire; the pool has no app clients now,"
                    + " so their lifetime cannot be read (Cognito allows 5 minutes to 1 day, default 1 hour).";
        }
        return "Still true: ID and access tokens issued before the revoke stay valid until they expire; the lifetime"
                + " could not be read (" + ((TokenLifetime.Unreadable) lifetime).reason()
                + "). Cognito allows 5 minutes to 1 day, default 1 hour.";
    }

    static Map<String, Object> tokenLifetimeJson(TokenLifetime lifetime) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (lifetime instanceof TokenLifetime.Known known) {
            m.put("known", true);
            m.put("longestSeconds", known.longest().getSeconds());
            m.put("longest", TokenLifetime.describe(known.longest()));
            m.put("appClient", known.clientName());
            m.put("token", known.token());
            m.put("appClients", known.appClients());
        } else if (lifetime instanceof TokenLifetime.NoAppClients) {
            m.put("known", false);
            m.put("appClients", 0);
        } else {
            m.put("known", false);
            m.put("reason", ((TokenLifetime.Unreadable) lifetime).reason());
        }
        m.put("text", tokenLifetimeText(lifetime));
        return m;
    }

    static final String GRANT_NOTE = "Access starts with the next tokens Cognito issues to the user (sign-in or token"
            + " refresh); tokens they hold now do not carry the group.";

    static String date(Optional<Instant> instant) {
        return instant.map(i -> i.truncatedTo(ChronoUnit.SECONDS).toString()).orElse("-");
    }

    static boolean anyEffect(Iterable<BatchResult> results, Effect... effects) {
        java.util.Set<Effect> wanted = java.util.Set.of(effects);
        for (BatchResult r : results) {
            if (r instanceof BatchResult.Ran ran && ran.change() instanceof Change.Done done
                    && wanted.contains(done.effect())) {
                return true;
            }
            if (r instanceof BatchResult.Ran ran && ran.change() instanceof Change.Failed failed
                    && failed.happened().filter(wanted::contains).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the lifetime note is worth stating (and worth the calls it costs): someone was, or would be, signed out.
     */
    static boolean anySignOut(Iterable<BatchResult> results) {
        return anyEffect(results, Effect.REMOVED, Effect.SIGNED_OUT, Effect.WOULD_REMOVE, Effect.WOULD_SIGN_OUT);
    }
}
