package site.paywall.edge.conformance.fuzz;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Counts of outcomes (overall and per category), so a run shows that the fuzz reaches the deep paths. */
public final class FuzzStats {

    public static final String FORWARD_PUBLIC = "forward (public)";
    public static final String FORWARD_PROTECTED = "forward (protected)";
    public static final List<String> OUTCOMES = List.of(FORWARD_PUBLIC, FORWARD_PROTECTED, "200", "204", "302", "400",
            "401", "403", "404", "405", "500", "502", "escape");

    private final Map<String, Integer> outcomes = new TreeMap<>();
    private final Map<String, Map<String, Integer>> byCategory = new TreeMap<>();
    private int cases;
    private int claimsReached;
    private int failed;

    void record(FuzzCase fuzzCase, Expected expected, EngineRun reference, boolean failed) {
        String outcome = reference.outcome();
        if (outcome.equals("forward")) {
            outcome = expected.protectedPath() ? FORWARD_PROTECTED : FORWARD_PUBLIC;
        }
        cases++;
        outcomes.merge(outcome, 1, Integer::sum);
        byCategory.computeIfAbsent(fuzzCase.category(), k -> new TreeMap<>()).merge(outcome, 1, Integer::sum);
        if (expected.claimsReached()) {
            claimsReached++;
        }
        if (failed) {
            this.failed++;
        }
    }

    public int cases() {
        return cases;
    }

    public int count(String outcome) {
        return outcomes.getOrDefault(outcome, 0);
    }

    public double share(String outcome) {
        return cases == 0 ? 0 : (double) count(outcome) / cases;
    }

    /** Cases whose token got through the signature check to the claim rules (per the contract model). */
    public int claimsReached() {
        return claimsReached;
    }

    public int failedCases() {
        return failed;
    }

    /** Several lines: the outcome mix overall and per category. */
    public String summary() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("outcome mix of %d cases (reference engine):%n", cases));
        for (String outcome : OUTCOMES) {
            if (count(outcome) == 0 && outcome.length() == 3 && "200 204 302 404 405 502".contains(outcome)) {
                continue;
            }
            out.append(String.format("  %-20s %7d  %5.1f%%%n", outcome, count(outcome), 100 * share(outcome)));
        }
        out.append(String.format("  token reached the claim checks: %d (%.1f%%)%n", claimsReached,
                cases == 0 ? 0 : 100.0 * claimsReached / cases));
        out.append("per category:\n");
        byCategory.forEach((category, counts) -> {
            int total = counts.values().stream().mapToInt(Integer::intValue).sum();
            out.append(String.format("  %-9s %6d:", category, total));
            for (String outcome : OUTCOMES) {
                if (counts.containsKey(outcome)) {
                    out.append(' ').append(outcome).append('=').append(counts.get(outcome));
                }
            }
            out.append('\n');
        });
        return out.toString();
    }
}
