package site.paywall.edge.conformance.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import site.paywall.edge.conformance.ViewerRequestEvents;

/** A case being built: its random stream, clock, event, labels, ledger and secrets. */
final class Draft {

    /** Shorter strings could occur in a log line by chance (a path, a reason); longer ones cannot. */
    static final int MIN_SECRET_LENGTH = 16;

    final SplittableRandom random;
    final Signer.Ledger ledger = new Signer.Ledger();
    final List<String> mutations = new ArrayList<>();
    final List<String> secrets = new ArrayList<>();
    /** Cognito's recorded answers, one per attempt, for a sign-in case. */
    final List<JsonNode> answers = new ArrayList<>();
    final long nowSeconds;
    final long nowMillis;
    String category = "";
    ObjectNode event;

    Draft(SplittableRandom random, long nowSeconds, long nowMillis) {
        this.random = random;
        this.nowSeconds = nowSeconds;
        this.nowMillis = nowMillis;
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    int between(int from, int toInclusive) {
        return from + random.nextInt(toInclusive - from + 1);
    }

    boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    @SafeVarargs
    final <T> T pick(T... options) {
        return options[random.nextInt(options.length)];
    }

    <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    void mutation(String label) {
        mutations.add(label);
    }

    /** The request of a still well-formed event. */
    ObjectNode request() {
        return ViewerRequestEvents.request(event);
    }

    /**
     * Appends a header occurrence (CloudFront shape) while the event still has that shape; after a mutation broke
     * the request or that header's list, there is nowhere sensible to add it and nothing is added.
     */
    void header(String name, String value) {
        if (intact() && request().get("headers").path(name.toLowerCase()).isArray()
                || intact() && !request().get("headers").has(name.toLowerCase())) {
            ViewerRequestEvents.header(event, name, value);
        }
    }

    /** True while Records[0].cf.request.headers is an object, i.e. the builder helpers still apply. */
    boolean intact() {
        JsonNode request = event == null ? null : event.path("Records").path(0).path("cf").path("request");
        return request instanceof ObjectNode object && object.get("headers") instanceof ObjectNode
                && event.get("Records").isArray() && event.get("Records").get(0).path("cf").path("config").isObject();
    }

    /**
     * Registers a string no log line may contain (a token, a cookie value), when long enough to tell; the oracle
     * adds each one's signature segment.
     */
    void secret(String text) {
        String trimmed = text.strip();
        if (trimmed.length() >= MIN_SECRET_LENGTH && !secrets.contains(trimmed)) {
            secrets.add(trimmed);
        }
    }
}
