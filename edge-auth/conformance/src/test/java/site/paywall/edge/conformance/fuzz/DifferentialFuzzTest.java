package site.paywall.edge.conformance.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The differential fuzz of issue 2, item 10: generated valid and mutated events and tokens through the JVM
 * reference, the Lambda@Edge bundle under Node and the core on the JVM. Any disagreement, escape, broken invariant,
 * log leak or departure from the contract model fails, naming the saved reproduction
 * ({@code target/fuzz-failures/<seed>-<index>.json}; rerun with {@code scripts/fuzz --replay FILE}).
 *
 * <p>System properties: {@code fuzz.cases} (default 20000) cases of {@code fuzz.seed} (default a fixed seed); when
 * no seed is given, {@code fuzz.timeCases} (default 5000) more cases of a time-based seed, printed, so each CI run
 * also explores new ground and any failure names its seed.
 */
class DifferentialFuzzTest {

    static final long DEFAULT_SEED = 20_261_127L;
    static final int MAX_FAILURES = 10;

    /** Floors on the outcome mix: the generator must keep reaching every kind of decision, not decay into junk. */
    static final Map<String, Double> MINIMUM_SHARE = Map.of(
            FuzzStats.FORWARD_PROTECTED, 0.05, FuzzStats.FORWARD_PUBLIC, 0.05,
            "400", 0.05, "401", 0.05, "403", 0.05, "500", 0.02);
    /** Share of cases whose token passed the signature and reached the claim rules. */
    static final double MINIMUM_CLAIMS_REACHED = 0.15;

    /** The sign-in run: half its cases are the flow's own requests, so its mix is another one. */
    static final Map<String, Double> SIGN_IN_MINIMUM_SHARE = Map.of(
            "302", 0.07, "400", 0.03, "401", 0.05, "502", 0.01, "200", 0.01, "405", 0.02);

    @Test
    void enginesAgreeWithEachOtherAndWithTheContractOnGeneratedCases() {
        fuzz(false, DEFAULT_SEED, Integer.getInteger("fuzz.cases", 20_000), Integer.getInteger("fuzz.timeCases", 5_000),
                MINIMUM_SHARE, MINIMUM_CLAIMS_REACHED);
    }

    /**
     * The same with sign-in at the edge (TestSite.signInConfig): protected navigations go to the hosted UI or to
     * refresh, and half the cases are requests to the flow's own paths with recorded Cognito answers. The contract
     * model adds: nothing under the prefix is ever forwarded; the oracle adds: no Location leaves the site except to
     * the hosted UI, every authorize redirect is real PKCE, cookies carry their attributes, and the engines make the
     * same Cognito calls.
     */
    @Test
    void withSignInAtTheEdgeTheEnginesAgreeAndTheFlowKeepsItsContract() {
        fuzz(true, DEFAULT_SEED + 1, Integer.getInteger("fuzz.signInCases", 10_000),
                Integer.getInteger("fuzz.timeCases", 5_000) / 2, SIGN_IN_MINIMUM_SHARE, 0.05);
    }

    private static void fuzz(boolean signIn, long defaultSeed, int cases, int timeCasesWithoutSeed,
                             Map<String, Double> minimumShare, double minimumClaimsReached) {
        String seedProperty = System.getProperty("fuzz.seed", "").strip();
        boolean seedGiven = !seedProperty.isEmpty();
        long seed = seedGiven ? FuzzMain.parseSeed(seedProperty) : defaultSeed;
        int timeCases = seedGiven ? 0 : timeCasesWithoutSeed;
        Path out = Path.of(System.getProperty("fuzz.out", "target/fuzz-failures"));

        List<DifferentialFuzzer.Report> reports = new ArrayList<>();
        long started = System.nanoTime();
        try (DifferentialFuzzer fuzzer = DifferentialFuzzer.start(signIn)) {
            reports.add(runAndPrint(fuzzer, seed, cases, out));
            if (timeCases > 0 && reports.get(0).failures().size() < MAX_FAILURES) {
                long timeSeed = System.currentTimeMillis();
                System.out.println("fuzz: time-based seed " + timeSeed + " (rerun: -Dfuzz.seed=" + timeSeed
                        + " or scripts/fuzz " + (signIn ? "--sign-in " : "") + "--seed " + timeSeed + ")");
                reports.add(runAndPrint(fuzzer, timeSeed, timeCases, out));
            }
        }
        System.out.printf("fuzz%s: %d cases in %.1f s in all%n", signIn ? " (sign-in)" : "",
                reports.stream().mapToInt(r -> r.stats().cases()).sum(), (System.nanoTime() - started) / 1e9);

        if (reports.stream().anyMatch(r -> !r.failures().isEmpty())) {
            fail(reports.stream().filter(r -> !r.failures().isEmpty()).map(r -> String.format(
                    "seed %d: %d failing case(s) of %d kind(s); examples saved"
                            + " (replay: scripts/fuzz --replay FILE):%n%s",
                    r.seed(), r.stats().failedCases(), r.failures().size(), r.failureSummary()))
                    .collect(Collectors.joining()));
        }
        for (DifferentialFuzzer.Report report : reports) {
            assertTrue(report.stats().cases() == report.requested(), "every requested case ran");
            FuzzStats stats = report.stats();
            minimumShare.forEach((outcome, minimum) -> assertTrue(stats.share(outcome) >= minimum,
                    String.format("seed %d: only %.1f%% of cases ended %s (at least %.1f%% expected): the generator"
                            + " no longer reaches that decision often enough", report.seed(),
                            100 * stats.share(outcome), outcome, 100 * minimum)));
            assertTrue(stats.claimsReached() >= minimumClaimsReached * stats.cases(), String.format(
                    "seed %d: only %d of %d cases reached the claim checks", report.seed(), stats.claimsReached(),
                    stats.cases()));
        }
    }

    private static DifferentialFuzzer.Report runAndPrint(DifferentialFuzzer fuzzer, long seed, int cases, Path out) {
        System.out.println("fuzz: seed " + seed + ", " + cases + " cases");
        DifferentialFuzzer.Report report = fuzzer.run(seed, cases, MAX_FAILURES, out, System.out::println);
        System.out.printf("fuzz: seed %d: %d cases in %.1f s, %.0f cases/s, %d failing%n", seed,
                report.stats().cases(), report.elapsedNanos() / 1e9, report.casesPerSecond(),
                report.stats().failedCases());
        System.out.print(report.stats().summary());
        return report;
    }
}
