package site.paywall.edge.conformance.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import site.paywall.edge.conformance.TestKeys;
import site.paywall.edge.conformance.TestSite;
import site.paywall.edge.conformance.TokenFactory;
import site.paywall.edge.jvm.engine.BundleEngine;
import site.paywall.edge.jvm.engine.CognitoScript;
import site.paywall.edge.jvm.engine.Engine;
import site.paywall.edge.jvm.engine.EngineFailure;
import site.paywall.edge.jvm.engine.EngineResult;
import site.paywall.edge.jvm.engine.JvmEngine;

/**
 * Runs generated cases through the JVM reference ({@link JvmEngine}: nimbus-jose-jwt + Jackson), the deployable
 * bundle under Node ({@link BundleEngine}: one long-lived process) and the core on the JVM ({@link JvmEngine#core}),
 * and judges each with the {@link Oracle} and the {@link ContractModel}. The bundle's round trip runs on its own
 * thread while the JVM engines work, so the two cores of the machine are both busy.
 */
public final class DifferentialFuzzer implements AutoCloseable {

    public static final int DEFAULT_MAX_FAILURES = 10;
    /** A case the bundle does not answer within this is a hang: an escape, and the node process is restarted. */
    private static final long BUNDLE_TIMEOUT_SECONDS = 30;
    /**
     * Generating a case and running it on the two JVM engines must finish within this; a case that does not is a
     * stuck case: saved as a failure, and the run ends there (a stuck Java thread cannot be stopped, only left).
     */
    static final long CASE_TIMEOUT_SECONDS = 30;

    private final TestSite site;
    private final boolean signIn;
    private final JsonNode config;
    private final Signer signer;
    private final ContractModel model;
    private final JvmEngine jvm;
    private final JvmEngine core;
    private final Path bundleDirectory;
    private final ExecutorService nodeThread = daemonThread("fuzz-bundle");
    private ExecutorService caseThread = daemonThread("fuzz-case");
    private final TimeOracle timeOracle = new TimeOracle();
    private BundleEngine bundle;

    private DifferentialFuzzer(TestSite site, boolean signIn, Path bundleDirectory) {
        this.site = site;
        this.signIn = signIn;
        this.config = withSkippedKeys(signIn ? site.signInConfig() : site.config());
        this.signer = new Signer(new TokenFactory(site.keys()));
        this.model = new ContractModel(config);
        this.jvm = JvmEngine.reference(config);
        this.core = JvmEngine.core(config);
        this.bundleDirectory = bundleDirectory;
        this.bundle = BundleEngine.start(bundleDirectory);
    }

    /** Fresh test keys, the test site's config, the bundle written to a temporary directory and node started. */
    public static DifferentialFuzzer start() {
        return start(false);
    }

    /**
     * As {@link #start()}; with {@code signIn}, the site signs browsers in at the edge (TestSite.signInConfig) and
     * half the cases are sign-in cases (SignInCases): the flow's own paths, parameters, cookies and Cognito answers.
     */
    public static DifferentialFuzzer start(boolean signIn) {
        TestSite site = new TestSite(TestKeys.generate());
        return new DifferentialFuzzer(site, signIn, BundleDirectories.write(withSkippedKeys(signIn
                ? site.signInConfig() : site.config())));
    }

    /** Kids of JWKS entries every engine must skip; each but the EC one holds the secondary key's modulus. */
    static final List<String> SKIPPED_KIDS = List.of("skipped-use-null", "skipped-alg-null", "skipped-use-enc",
            "skipped-ec-off-curve");

    /**
     * The site's JWKS plus keys in the shapes the engines once read differently (issue 11): {@code "use": null},
     * {@code "alg": null}, a use/key_ops conflict, an off-curve EC key. The RSA ones carry the secondary key's
     * modulus, so a token signed by it under their kid forwards on any engine that wrongly uses them; the header
     * mutations produce such tokens.
     */
    static ObjectNode withSkippedKeys(ObjectNode config) {
        ArrayNode keys = (ArrayNode) config.get("jwks").get("keys");
        JsonNode secondary = null;
        for (JsonNode key : keys) {
            if (TestKeys.SECONDARY_KID.equals(key.path("kid").asText())) {
                secondary = key;
            }
        }
        if (secondary == null) {
            throw new IllegalStateException("the test site's JWKS has no secondary key");
        }
        keys.add(((ObjectNode) secondary.deepCopy()).put("kid", SKIPPED_KIDS.get(0)).putNull("use"));
        keys.add(((ObjectNode) secondary.deepCopy()).put("kid", SKIPPED_KIDS.get(1)).putNull("alg"));
        ObjectNode conflict = ((ObjectNode) secondary.deepCopy()).put("kid", SKIPPED_KIDS.get(2)).put("use", "enc");
        conflict.putArray("key_ops").add("verify");
        keys.add(conflict);
        keys.addObject().put("kty", "EC").put("kid", SKIPPED_KIDS.get(3)).put("crv", "P-256").put("x", "AAAA")
                .put("y", "AAAA");
        return config;
    }

    public JsonNode config() {
        return config;
    }

    /** What one run found: outcome statistics and the failing cases grouped by kind. */
    public record Report(long seed, int requested, FuzzStats stats, long elapsedNanos, FailureKinds failures) {
        public double casesPerSecond() {
            return stats.cases() / Math.max(1e-9, elapsedNanos / 1e9);
        }

        /** Several lines: each kind of failure, how often, and where its examples were saved. */
        public String failureSummary() {
            StringBuilder out = new StringBuilder();
            for (FailureKinds.Kind kind : failures.all()) {
                out.append(String.format("  [%d case(s)] %s%n", kind.count(), kind.key()));
                for (Failure example : kind.examples()) {
                    out.append("      ").append(example.file()).append("\n        ").append(example.label())
                            .append('\n');
                    example.problems().forEach(problem -> out.append("        - ").append(problem).append('\n'));
                }
            }
            return out.toString();
        }
    }

    /** A failing case: where its reproduction was saved, and the problems found. */
    public record Failure(Path file, String label, List<String> problems) { }

    /**
     * Runs cases {@code 0..cases-1} of {@code seed}; stops early once {@code maxFailures} distinct kinds of failure
     * were seen. The first examples of each kind are saved under {@code failureDirectory}, the others counted.
     * {@code progress} gets a line now and then.
     */
    public Report run(long seed, int cases, int maxFailures, Path failureDirectory, Consumer<String> progress) {
        CaseGenerator generator = new CaseGenerator(site, signer, seed, signIn);
        return run(seed, cases, maxFailures, failureDirectory, progress, generator::generate, CASE_TIMEOUT_SECONDS);
    }

    /** {@link #run(long, int, int, Path, Consumer)} over any source of cases, with the per-case time bound given. */
    Report run(long seed, int cases, int maxFailures, Path failureDirectory, Consumer<String> progress,
               IntFunction<FuzzCase> source, long caseTimeoutSeconds) {
        FailureStore store = new FailureStore(failureDirectory);
        FuzzStats stats = new FuzzStats();
        FailureKinds failures = new FailureKinds();
        long start = System.nanoTime();
        long lastProgress = start;
        for (int index = 0; index < cases && failures.size() < maxFailures; index++) {
            int caseIndex = index;
            Optional<FuzzCase> generated = bounded(() -> source.apply(caseIndex), caseTimeoutSeconds);
            if (generated.isEmpty()) {
                stuck(seed, index, "the generator did not produce case " + index + " within " + caseTimeoutSeconds
                        + " s", store, failures, progress, Optional.empty());
                break;
            }
            FuzzCase fuzzCase = generated.get();
            Future<EngineRun> bundleRun = nodeThread.submit(() -> run(bundle, fuzzCase));
            Optional<List<EngineRun>> jvmRuns = bounded(() -> List.of(run(jvm, fuzzCase), run(core, fuzzCase)),
                    caseTimeoutSeconds);
            EngineRun bundleResult = await(bundleRun);
            if (jvmRuns.isEmpty()) {
                stuck(seed, index, "the JVM engines did not answer case " + index + " within " + caseTimeoutSeconds
                        + " s", store, failures, progress, Optional.of(fuzzCase));
                break;
            }
            EngineRun reference = jvmRuns.get().get(0);
            EngineRun coreRun = jvmRuns.get().get(1);
            Expected expected = model.expect(fuzzCase.event(), fuzzCase.nowMillis(), fuzzCase.ledger());
            List<EngineRun> runs = List.of(reference, bundleResult, coreRun);
            List<String> problems = new java.util.ArrayList<>(Oracle.check(fuzzCase, expected, runs, config));
            timeCheck(fuzzCase, bundleResult).ifPresent(problems::add);
            stats.record(fuzzCase, expected, reference, !problems.isEmpty());
            if (!problems.isEmpty()) {
                String kind = FailureKinds.keyOf(problems, expected);
                if (failures.count(kind)) {
                    Path file = store.save(fuzzCase, expected, problems, runs, config);
                    failures.example(kind, new Failure(file, fuzzCase.label(), problems));
                    progress.accept("FAIL case " + index + " (" + clip(fuzzCase.label()) + "): " + problems.get(0)
                            + (problems.size() > 1 ? " (+" + (problems.size() - 1) + " more)" : "") + "\n  saved: "
                            + file);
                }
            }
            long now = System.nanoTime();
            if (now - lastProgress > 5_000_000_000L) {
                lastProgress = now;
                progress.accept(String.format("  %d/%d cases, %.0f cases/s, %d failing (%d kinds)", index + 1,
                        cases, (index + 1) / ((now - start) / 1e9), stats.failedCases(), failures.size()));
            }
        }
        return new Report(seed, cases, stats, System.nanoTime() - start, failures);
    }

    /**
     * The time oracle: the bundle's handler time for this case against the run's median; a slow case is timed three
     * more times, and only when even the fastest run is over the bound is it a problem.
     */
    private Optional<String> timeCheck(FuzzCase fuzzCase, EngineRun bundleRun) {
        if (bundleRun.escaped() || bundleRun.result().micros() < 0) {
            return Optional.empty();
        }
        long micros = bundleRun.result().micros();
        Optional<Long> bound = timeOracle.bound();
        if (bound.isPresent() && micros > bound.get()) {
            for (int again = 0; again < 3 && micros > bound.get(); again++) {
                EngineRun rerun = await(nodeThread.submit(() -> run(bundle, fuzzCase)));
                if (!rerun.escaped() && rerun.result().micros() >= 0) {
                    micros = Math.min(micros, rerun.result().micros());
                }
            }
            if (micros > bound.get()) {
                return Optional.of(String.format("time: the bundle took %,d µs (fastest of 4 runs), %.0f× the run's"
                        + " median of %,d µs (bound %,d µs): a loop that grows faster than its input?", micros,
                        micros / (double) Math.max(1, timeOracle.median()), timeOracle.median(), bound.get()));
            }
        }
        timeOracle.record(micros);
        return Optional.empty();
    }

    /** The work's result, or empty when it did not finish in time (its thread is then left behind, as a daemon). */
    private <T> Optional<T> bounded(Callable<T> work, long timeoutSeconds) {
        Future<T> future = caseThread.submit(work);
        try {
            return Optional.of(future.get(timeoutSeconds, TimeUnit.SECONDS));
        } catch (TimeoutException e) {
            future.cancel(true);
            caseThread.shutdownNow();
            caseThread = daemonThread("fuzz-case");
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("case " + work + " failed outside the engines: " + e.getCause(),
                    e.getCause());
        }
    }

    /** A stuck case is a failure of its own kind, saved with what is known of it, and ends the run. */
    private void stuck(long seed, int index, String problem, FailureStore store, FailureKinds failures,
                       Consumer<String> progress, Optional<FuzzCase> fuzzCase) {
        String kind = "stuck case: " + problem.replaceAll("case \\d+", "case N");
        failures.count(kind);
        Path file = store.saveStuck(seed, index, problem, fuzzCase, config);
        failures.example(kind, new Failure(file, fuzzCase.map(FuzzCase::label).orElse("(not generated)"),
                List.of(problem)));
        progress.accept("FAIL case " + index + ": " + problem + "; the run stops here\n  saved: " + file);
    }

    /** Runs one saved case again on all three engines (a fresh bundle cache). */
    public static List<EngineRun> replay(JsonNode config, JsonNode event, long nowMillis, List<JsonNode> answers,
                                         String randomSeed) {
        Path directory = BundleDirectories.write(config);
        try (BundleEngine bundle = BundleEngine.start(directory)) {
            FuzzCase fuzzCase = new FuzzCase(0, 0, "replay", List.of(), event, nowMillis, TokenModel.REPLAY,
                    List.of(), answers, randomSeed);
            return List.of(run(JvmEngine.reference(config), fuzzCase), run(bundle, fuzzCase),
                    run(JvmEngine.core(config), fuzzCase));
        } finally {
            BundleDirectories.delete(directory);
        }
    }

    private static EngineRun run(Engine engine, FuzzCase fuzzCase) {
        try {
            EngineResult result = engine.handle(fuzzCase.event(), OptionalLong.of(fuzzCase.nowMillis()),
                    CognitoScript.pinned(fuzzCase.answers(), fuzzCase.randomSeed()));
            return EngineRun.ok(engine.name(), result);
        } catch (EngineFailure e) {
            return EngineRun.escaped(engine.name(), "EngineFailure: " + clip(String.valueOf(e.getMessage())));
        } catch (RuntimeException | StackOverflowError e) {
            return EngineRun.escaped(engine.name(),
                    e.getClass().getName() + ": " + clip(String.valueOf(e.getMessage())));
        }
    }

    private EngineRun await(Future<EngineRun> bundleRun) {
        try {
            EngineRun run = bundleRun.get(BUNDLE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (run.escaped()) {
                restartBundle();
            }
            return run;
        } catch (TimeoutException e) {
            restartBundle();
            awaitQuietly(bundleRun);
            return EngineRun.escaped("bundle", "no answer within " + BUNDLE_TIMEOUT_SECONDS + " s (node restarted)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            restartBundle();
            return EngineRun.escaped("bundle", String.valueOf(e.getCause()));
        }
    }

    private static void awaitQuietly(Future<EngineRun> run) {
        try {
            run.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // The old process was destroyed; whatever it says now is moot.
        }
    }

    /** After an escape the node process may be dead or out of step: start a fresh one. */
    private void restartBundle() {
        bundle.close();
        bundle = BundleEngine.start(bundleDirectory);
    }

    private static String clip(String text) {
        return text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }

    private static ExecutorService daemonThread(String name) {
        return Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void close() {
        bundle.close();
        nodeThread.shutdownNow();
        caseThread.shutdownNow();
        BundleDirectories.delete(bundleDirectory);
    }
}
