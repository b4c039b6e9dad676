package site.paywall.edge.conformance.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import site.paywall.edge.jvm.JvmPlatform;

/**
 * Writes a failing case to {@code <dir>/<seed>-<index>.json}: everything needed to replay it (the resolved config
 * with the run's public keys — test keys are generated per run —, the event, the clock) and what each engine did.
 */
public final class FailureStore {

    private final Path directory;

    public FailureStore(Path directory) {
        this.directory = directory;
    }

    public Path save(FuzzCase fuzzCase, Expected expected, List<String> problems, List<EngineRun> runs,
                     JsonNode config) {
        ObjectNode out = JvmPlatform.STRICT_JSON.createObjectNode();
        out.put("seed", fuzzCase.seed());
        out.put("index", fuzzCase.index());
        out.put("category", fuzzCase.category());
        ArrayNode mutations = out.putArray("mutations");
        fuzzCase.mutations().forEach(mutations::add);
        ArrayNode problemList = out.putArray("problems");
        problems.forEach(problemList::add);
        ObjectNode expectation = out.putObject("expected");
        ArrayNode outcomes = expectation.putArray("outcomes");
        expected.outcomes().stream().sorted().forEach(outcomes::add);
        expectation.put("basis", expected.basis());
        out.put("nowMillis", fuzzCase.nowMillis());
        out.set("event", fuzzCase.event());
        ArrayNode answers = out.putArray("cognito");
        fuzzCase.answers().forEach(answers::add);
        out.put("random", fuzzCase.randomSeed());
        out.set("results", results(runs));
        out.set("config", config);
        out.put("note", "Replay with: scripts/fuzz --replay <this file>. The bundle engine's verified-token cache"
                + " held the tokens of earlier cases of the run; a replay starts with an empty cache.");
        return write(out, fuzzCase.seed() + "-" + fuzzCase.index() + ".json");
    }

    /**
     * A case that got stuck: the generator or a JVM engine did not finish in time. The seed and index regenerate it
     * ({@code scripts/fuzz --seed S --cases N}); the event is saved too when the generator produced one.
     */
    public Path saveStuck(long seed, int index, String problem, Optional<FuzzCase> fuzzCase, JsonNode config) {
        ObjectNode out = JvmPlatform.STRICT_JSON.createObjectNode();
        out.put("seed", seed);
        out.put("index", index);
        out.putArray("problems").add(problem);
        fuzzCase.ifPresent(c -> {
            out.put("category", c.category());
            ArrayNode mutations = out.putArray("mutations");
            c.mutations().forEach(mutations::add);
            out.put("nowMillis", c.nowMillis());
            out.set("event", c.event());
        });
        out.set("config", config);
        out.put("note", "A stuck case: regenerate it with scripts/fuzz --seed " + seed + " --cases " + (index + 1)
                + (fuzzCase.isPresent() ? ", or replay the saved event with scripts/fuzz --replay <this file>." : "."));
        return write(out, seed + "-" + index + "-stuck.json");
    }

    private Path write(ObjectNode out, String name) {
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve(name);
            Files.writeString(file, JvmPlatform.STRICT_JSON.writerWithDefaultPrettyPrinter().writeValueAsString(out)
                    + "\n", StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the failing case under " + directory, e);
        }
    }

    static ObjectNode results(List<EngineRun> runs) {
        ObjectNode results = JvmPlatform.STRICT_JSON.createObjectNode();
        for (EngineRun run : runs) {
            ObjectNode entry = results.putObject(run.engine());
            entry.put("outcome", run.outcome());
            if (run.escaped()) {
                entry.put("escape", run.escape());
            } else {
                entry.set("result", run.result().result());
                ArrayNode calls = entry.putArray("calls");
                run.result().calls().forEach(calls::add);
                ArrayNode log = entry.putArray("log");
                run.result().log().forEach(log::add);
            }
        }
        return results;
    }
}
