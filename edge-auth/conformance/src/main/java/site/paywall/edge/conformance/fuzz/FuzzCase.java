package site.paywall.edge.conformance.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One generated case: the whole CloudFront event, the pinned clock, what the generator did (category and
 * mutations, for the report), the signatures it made (for the model) and the strings no log line may contain.
 */
public record FuzzCase(long seed, int index, String category, List<String> mutations, JsonNode event,
                       long nowMillis, Signer.Ledger ledger, List<String> secrets) {

    public String label() {
        return category + (mutations.isEmpty() ? "" : ": " + String.join(", ", mutations));
    }
}
