package site.paywall.edge.jvm.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * What an engine's Cognito and randomness do for one event: the recorded answers, one per attempt (see
 * {@code RecordedTransport}), and the seed of the pinned random stream (see {@code PinnedRandom}); with no seed the
 * engine draws real random bytes.
 */
public record CognitoScript(List<JsonNode> answers, Optional<String> randomSeed) {

    /** No Cognito answers (a call fails as unreachable) and real randomness. */
    public static final CognitoScript NONE = new CognitoScript(List.of(), Optional.empty());

    public static CognitoScript pinned(List<JsonNode> answers, String seed) {
        return new CognitoScript(answers, Optional.of(seed));
    }
}
