package site.paywall.edge.core.token;

import java.util.Optional;

/** Keeps the first failed claim check, so later checks can run without deciding anything. */
final class ClaimProblems {

    private String first = "";

    void add(String problem) {
        if (first.isEmpty()) {
            first = problem;
        }
    }

    Optional<String> first() {
        return first.isEmpty() ? Optional.empty() : Optional.of(first);
    }
}
