package site.paywall.edge.conformance.fuzz;

import java.util.Set;

/**
 * What the contract says the outcome of a case must be: a set of allowed outcomes ("forward", "400", "401", "403",
 * "500") and the reasoning, for the failure report. {@code protectedPath} says whether the decoded path's rule
 * needs a token (for the outcome statistics); {@code tokenJudged} whether a token reached the claim checks.
 */
public record Expected(Set<String> outcomes, String basis, boolean protectedPath, boolean claimsReached) {

    public boolean allows(String outcome) {
        return outcomes.contains(outcome);
    }
}
