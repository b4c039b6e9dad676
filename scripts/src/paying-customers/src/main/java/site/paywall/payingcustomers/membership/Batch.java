package site.paywall.payingcustomers.membership;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import site.paywall.payingcustomers.cognito.Failure;
import site.paywall.payingcustomers.cognito.FailureKind;
import site.paywall.payingcustomers.cognito.OutageGuard;

/**
 * Runs instructions one after the other. A failure for one user does not stop the others. The batch stops, and
 * reports the rest as not attempted with the line to resume from, when going on cannot help:
 * <ul>
 *   <li>a failure that would repeat for everyone (unknown pool or group, credentials, access denied, not
 *       Cognito, an untrusted certificate, the audit log);</li>
 *   <li>an outage: the run's {@link OutageGuard} saw {@value OutageGuard#THRESHOLD} unavailable answers in a row;</li>
 *   <li>Ctrl-C: checked before each line, so the call in flight finishes first.</li>
 * </ul>
 * A user named by two lines with different actions is carried out once: the later line is refused as a conflict.
 */
public final class Batch {
    private Batch() {
    }

    /** Ctrl-C, as the batch sees it. */
    @FunctionalInterface
    public interface StopRequest {
        boolean requested();
    }

    /** Told about each line as soon as it is done (progress, --json-lines). */
    @FunctionalInterface
    public interface Listener {
        void finished(BatchResult result);
    }

    /** Why a batch ended before its last instruction, and the line a re-run should start from. */
    public record Stop(Failure reason, int resumeLine) {
    }

    public record Outcome(List<BatchResult> results, Optional<Stop> stop) {
    }

    public static Outcome run(GroupMembership membership, List<ImportLine> lines, ChangeOptions options,
                              OutageGuard guard, StopRequest stopRequest, Listener listener,
                              Function<ImportLine.Instruction, Optional<AuditSource>> sources) {
        List<BatchResult> results = new ArrayList<>();
        Map<String, ImportLine.Instruction> claimed = new HashMap<>();
        Optional<Stop> stop = Optional.empty();
        for (int index = 0; index < lines.size(); index++) {
            ImportLine line = lines.get(index);
            BatchResult result;
            if (line instanceof ImportLine.Malformed malformed) {
                result = new BatchResult.Rejected(malformed);
            } else {
                ImportLine.Instruction instruction = (ImportLine.Instruction) line;
                if (stop.isEmpty() && stopRequest.requested()) {
                    stop = Optional.of(new Stop(new Failure(FailureKind.INTERRUPTED, "stopped by Ctrl-C before line "
                            + instruction.line()), instruction.line()));
                }
                if (stop.isPresent()) {
                    result = new BatchResult.NotAttempted(instruction, stop.get().reason());
                } else {
                    GroupMembership.Claims claims =
                            (username, action) -> conflict(claimed, instruction, username, action);
                    Change change = membership.apply(instruction.action(), instruction.user(), options,
                            sources.apply(instruction), claims);
                    result = new BatchResult.Ran(instruction, change);
                    stop = stopAfter(change, instruction, guard, nextInstructionLine(lines, index));
                }
            }
            results.add(result);
            listener.finished(result);
        }
        return new Outcome(results, stop);
    }

    /** The first line to name a user claims them; a later line with the other action is refused. */
    private static Optional<String> conflict(Map<String, ImportLine.Instruction> claimed,
                                             ImportLine.Instruction current, String username, Action action) {
        ImportLine.Instruction first = claimed.putIfAbsent(username, current);
        if (first == null || first.action() == action) {
            return Optional.empty();
        }
        return Optional.of("line " + current.line() + " (" + action.label() + " " + current.user() + ") and line "
                + first.line() + " (" + first.action().label() + " " + first.user() + ") name the same user, "
                + username + ", with opposite actions; only line " + first.line() + " was carried out. Keep one line"
                + " per user");
    }

    private static Optional<Stop> stopAfter(Change change, ImportLine.Instruction instruction, OutageGuard guard,
                                            Optional<Integer> nextLine) {
        Optional<Failure> failure = failureOf(change);
        Failure reason;
        if (failure.isPresent() && failure.get().kind().stopsBatch()) {
            reason = failure.get();
        } else if (guard.outage()) {
            reason = new Failure(FailureKind.UNAVAILABLE, "Cognito stopped answering: " + guard.unavailableInARow()
                    + " unavailable answers in a row, the last at line " + instruction.line());
        } else {
            return Optional.empty();
        }
        // Re-running a line is always safe (every change is idempotent), so resume at this line unless it is done.
        Optional<Integer> resume = change instanceof Change.Done ? nextLine : Optional.of(instruction.line());
        return resume.map(line -> new Stop(reason, line));
    }

    public static Optional<Failure> failureOf(Change change) {
        if (change instanceof Change.Failed failed) {
            return Optional.of(failed.failure());
        }
        if (change instanceof Change.Unknown unknown) {
            return Optional.of(unknown.failure());
        }
        return Optional.empty();
    }

    private static Optional<Integer> nextInstructionLine(List<ImportLine> lines, int index) {
        for (int i = index + 1; i < lines.size(); i++) {
            if (lines.get(i) instanceof ImportLine.Instruction next) {
                return Optional.of(next.line());
            }
        }
        return Optional.empty();
    }
}
