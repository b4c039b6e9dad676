package site.paywall.edge.conformance.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import site.paywall.edge.jvm.JvmPlatform;

/**
 * {@code scripts/fuzz}: {@code --cases N [--seed S] [--out DIR] [--max-failures M]} runs the differential fuzzer;
 * {@code --replay FILE} reruns one saved failure on every engine and prints what each returned. Exit status: 0 no
 * failure, 1 failures (or a replay that still fails), 2 usage error.
 */
public final class FuzzMain {

    private static final String USAGE = String.join("\n",
            "usage: scripts/fuzz --cases N [--seed S] [--sign-in] [--out DIR] [--max-failures M]",
            "       scripts/fuzz --replay FILE",
            "  --cases N         number of generated cases (default 20000)",
            "  --seed S          seed of the case stream, decimal or 0x-hex (default: time-based, printed)",
            "  --sign-in         fuzz the site with sign-in at the edge: half the cases are the flow's own requests",
            "                    with recorded Cognito answers",
            "  --out DIR         where failing cases are saved as <seed>-<index>.json (default ./fuzz-failures);",
            "                    the first examples of each kind of failure are saved, the rest counted",
            "  --max-failures M  stop after M distinct kinds of failure (default "
                    + DifferentialFuzzer.DEFAULT_MAX_FAILURES + ")",
            "  --replay FILE     rerun a saved failing case through every engine and print both outputs",
            "exit status: 0 no failure, 1 failures found, 2 usage error");

    private FuzzMain() { }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        int cases = 20_000;
        long seed = System.currentTimeMillis();
        Path outDir = Path.of("fuzz-failures");
        int maxFailures = DifferentialFuzzer.DEFAULT_MAX_FAILURES;
        Path replay = null;
        boolean signIn = false;
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "-h":
                    case "--help":
                        out.println(USAGE);
                        return 0;
                    case "--cases":
                        cases = positive(value(args, ++i, arg), arg);
                        break;
                    case "--seed":
                        seed = parseSeed(value(args, ++i, arg));
                        break;
                    case "--out":
                        outDir = Path.of(value(args, ++i, arg));
                        break;
                    case "--max-failures":
                        maxFailures = positive(value(args, ++i, arg), arg);
                        break;
                    case "--replay":
                        replay = Path.of(value(args, ++i, arg));
                        break;
                    case "--sign-in":
                        signIn = true;
                        break;
                    default:
                        throw new IllegalArgumentException("unknown argument " + arg);
                }
            }
        } catch (IllegalArgumentException e) {
            err.println("fuzz: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (replay != null) {
            return replay(replay, out, err);
        }
        out.printf("fuzz: seed %d, %d cases%s, failures saved under %s%n", seed, cases,
                signIn ? " with sign-in at the edge" : "", outDir.toAbsolutePath());
        try (DifferentialFuzzer fuzzer = DifferentialFuzzer.start(signIn)) {
            DifferentialFuzzer.Report report = fuzzer.run(seed, cases, maxFailures, outDir, out::println);
            out.printf("fuzz: %d cases in %.1f s (%.0f cases/s), seed %d%n", report.stats().cases(),
                    report.elapsedNanos() / 1e9, report.casesPerSecond(), seed);
            out.print(report.stats().summary());
            if (report.failures().isEmpty()) {
                out.println("fuzz: no failure");
                return 0;
            }
            out.printf("fuzz: %d failing case(s) of %d kind(s)%s; saved examples:%n", report.stats().failedCases(),
                    report.failures().size(),
                    report.failures().size() >= maxFailures ? " (stopped at --max-failures kinds)" : "");
            out.print(report.failureSummary());
            return 1;
        }
    }

    private static int replay(Path file, PrintStream out, PrintStream err) {
        JsonNode saved;
        try {
            saved = JvmPlatform.parse(Files.readString(file, StandardCharsets.UTF_8)).orElse(null);
        } catch (IOException e) {
            err.println("fuzz: cannot read " + file + ": " + e.getMessage());
            return 2;
        }
        if (saved != null && !saved.has("event") && saved.has("seed") && saved.has("index")) {
            err.println("fuzz: " + file + " is a stuck case the generator never finished; regenerate it with"
                    + " scripts/fuzz --seed " + saved.get("seed").asText() + " --cases "
                    + (saved.get("index").asInt() + 1));
            return 2;
        }
        if (saved == null || !saved.path("config").isObject() || !saved.has("event")
                || !saved.path("nowMillis").canConvertToLong()) {
            err.println("fuzz: " + file + " is not a saved fuzz case (config, event and nowMillis expected)");
            return 2;
        }
        long now = saved.get("nowMillis").asLong();
        List<JsonNode> answers = new ArrayList<>();
        saved.path("cognito").forEach(answers::add);
        String randomSeed = saved.path("random").asText("fuzz");
        List<EngineRun> runs = DifferentialFuzzer.replay(saved.get("config"), saved.get("event"), now, answers,
                randomSeed);
        out.println("fuzz: replaying " + file + " (seed " + saved.path("seed").asText("?") + ", case "
                + saved.path("index").asText("?") + ", " + saved.path("category").asText("") + ")");
        saved.path("mutations").forEach(m -> out.println("  mutation: " + m.asText()));
        out.println(FailureStore.results(runs).toPrettyString());
        Set<String> outcomes = new HashSet<>();
        saved.path("expected").path("outcomes").forEach(o -> outcomes.add(o.asText()));
        ContractModel model = new ContractModel(saved.get("config"));
        Expected expected = outcomes.isEmpty() ? model.expect(saved.get("event"), now, TokenModel.REPLAY)
                : new Expected(outcomes, saved.path("expected").path("basis").asText(), false, false);
        FuzzCase fuzzCase = new FuzzCase(saved.path("seed").asLong(), saved.path("index").asInt(), "replay",
                List.of(), saved.get("event"), now, TokenModel.REPLAY, Oracle.credentialsIn(saved.get("event")),
                answers, randomSeed);
        List<String> problems = Oracle.check(fuzzCase, expected, runs, saved.get("config"));
        if (problems.isEmpty()) {
            out.println("fuzz: the case passes now");
            return 0;
        }
        out.println("fuzz: the case still fails:");
        problems.forEach(problem -> out.println("  " + problem));
        return 1;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int positive(String text, String option) {
        try {
            int value = Integer.parseInt(text);
            if (value <= 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a positive whole number, got \"" + text + "\"");
        }
    }

    static long parseSeed(String text) {
        try {
            return text.startsWith("0x") || text.startsWith("0X") ? Long.parseUnsignedLong(text.substring(2), 16)
                    : Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seed needs a number (decimal or 0x-hex), got \"" + text + "\"");
        }
    }
}
