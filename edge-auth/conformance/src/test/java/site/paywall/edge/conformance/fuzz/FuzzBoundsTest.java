package site.paywall.edge.conformance.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import site.paywall.edge.conformance.TestKeys;
import site.paywall.edge.conformance.TestSite;
import site.paywall.edge.conformance.TokenFactory;

/** The fuzzer always ends: its generator terminates, and a case that gets stuck anyway is a saved failure. */
class FuzzBoundsTest {

    /**
     * Seed 20261128 hung the generator (reported at about case 1,100; here at case 2,327): a "very long" token built
     * by repeating a signature that an earlier mutation had truncated to nothing.
     */
    @Test
    void theGeneratorFinishesEveryCaseOfTheSeedThatOnceHungIt() {
        TestSite site = new TestSite(TestKeys.generate());
        CaseGenerator generator = new CaseGenerator(site, new Signer(new TokenFactory(site.keys())), 20_261_128L);
        List<Integer> generated = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (int index = 0; index < 3_000; index++) {
                generator.generate(index);
                generated.add(index);
            }
        }, () -> "the generator stopped after case " + (generated.size() - 1) + " of seed 20261128");
        assertEquals(3_000, generated.size());
    }

    @Test
    void aCaseThatNeverFinishesIsSavedAsAFailureAndEndsTheRun(@TempDir Path failures) throws IOException {
        TestSite site = new TestSite(TestKeys.generate());
        CaseGenerator generator = new CaseGenerator(site, new Signer(new TokenFactory(site.keys())), 7L);
        try (DifferentialFuzzer fuzzer = DifferentialFuzzer.start()) {
            DifferentialFuzzer.Report report = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> fuzzer.run(
                    7L, 10, 10, failures, line -> { }, index -> {
                        if (index == 3) {
                            while (true) {
                                Thread.onSpinWait();
                            }
                        }
                        return generator.generate(index);
                    }, 1));

            assertEquals(3, report.stats().cases(), "cases before the stuck one ran; the run stopped at it");
            assertEquals(1, report.failures().size());
            DifferentialFuzzer.Failure failure = report.failures().all().get(0).examples().get(0);
            assertEquals(failures.resolve("7-3-stuck.json"), failure.file());
            String saved = Files.readString(failure.file());
            assertTrue(saved.contains("\"seed\" : 7") && saved.contains("\"index\" : 3")
                    && saved.contains("did not produce case 3 within 1 s"), saved);
        }
    }
}
