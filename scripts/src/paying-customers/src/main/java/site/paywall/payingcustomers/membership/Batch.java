package site.paywall.payingcustomers.membership;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import site.paywall.payingcustomers.cognito.Failure;

/**
 * Runs instructions one after the other. A failure for one user does not stop the others; a failure that would
 * repeat for everyone (unknown pool or group, credentials, access denied) stops the batch, and the rest is
 * reported as not attempted, so that nothing is silently dropped.
 */
public final class Batch {
    private Batch() {
    }

    public static List<BatchResult> run(GroupMembership membership, List<ImportLine> lines, boolean dryRun) {
        List<BatchResult> results = new ArrayList<>();
        Optional<Failure> stop = Optional.empty();
        for (ImportLine line : lines) {
            if (line instanceof ImportLine.Malformed malformed) {
                results.add(new BatchResult.Rejected(malformed));
            } else if (line instanceof ImportLine.Instruction instruction) {
                if (stop.isPresent()) {
                    results.add(new BatchResult.NotAttempted(instruction, stop.get()));
                    continue;
                }
                Change change = membership.apply(instruction.action(), instruction.user(), dryRun);
                results.add(new BatchResult.Ran(instruction, change));
                if (change instanceof Change.Failed failed && failed.failure().kind().stopsBatch()) {
                    stop = Optional.of(failed.failure());
                }
            }
        }
        return results;
    }
}
