package site.paywall.edge.core.token;

import java.util.Optional;

/** Keeps the first failed claim check, so later checks can run without deciding anything. */
final class ClaimProblems {

    private Verification.Rejected first;

    void add(RejectionCode code, String problem) {
        if (first == null) {
            first = new Verification.Rejected(code, problem);
        }
    }

    Optional<Verification.Rejected> first() {
        return Optional.ofNullable(first);
    }
}
