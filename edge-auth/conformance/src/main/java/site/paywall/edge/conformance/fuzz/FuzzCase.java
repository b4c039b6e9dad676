package site.paywall.edge.conformance.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One generated case: the whole CloudFront event, the pinned clock, what the generator did (category and
 * mutations, for the report), the signatures it made (for the model), the strings no log line may contain, and —
 * for the sign-in flow — Cognito's recorded answers (one per attempt) and the seed of the pinned random stream.
 */
public record FuzzCase(long seed, int index, String category, List<String> mutations, JsonNode event,
                       long nowMillis, Signer.Ledger ledger, List<String> secrets, List<JsonNode> answers,
                       String randomSeed) {

    /** A case that needs no Cognito. */
    public FuzzCase(long seed, int index, String category, List<String> mutations, JsonNode event, long nowMillis,
                    Signer.Ledger ledger, List<String> secrets) {
        this(seed, index, category, mutations, event, nowMillis, ledger, secrets, List.of(), "fuzz");
    }

    public String label() {
        return category + (mutations.isEmpty() ? "" : ": " + String.join(", ", mutations));
    }
}
