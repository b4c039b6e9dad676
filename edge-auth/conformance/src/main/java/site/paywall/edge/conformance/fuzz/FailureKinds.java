package site.paywall.edge.conformance.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups failing cases by what went wrong, so one frequent bug does not use up the run's failure budget and a run
 * shows several distinct bugs: a few examples of each kind are saved, the rest only counted.
 */
public final class FailureKinds {

    /** Saved reproductions per kind; the others of that kind are counted only. */
    static final int EXAMPLES_PER_KIND = 2;

    /** One kind of failure: how often it occurred and the saved examples. */
    public static final class Kind {
        private final String key;
        private int count;
        private final List<DifferentialFuzzer.Failure> examples = new ArrayList<>();

        Kind(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        public int count() {
            return count;
        }

        public List<DifferentialFuzzer.Failure> examples() {
            return examples;
        }
    }

    private final Map<String, Kind> kinds = new LinkedHashMap<>();

    /** Counts a failing case; true when it should be saved as an example. */
    boolean count(String key) {
        Kind kind = kinds.computeIfAbsent(key, Kind::new);
        kind.count++;
        return kind.count <= EXAMPLES_PER_KIND;
    }

    void example(String key, DifferentialFuzzer.Failure failure) {
        kinds.get(key).examples.add(failure);
    }

    public int size() {
        return kinds.size();
    }

    public List<Kind> all() {
        return List.copyOf(kinds.values());
    }

    public boolean isEmpty() {
        return kinds.isEmpty();
    }

    /**
     * The kind of a failing case, from its first problem: the problem's class and its gist, without the details
     * that vary from case to case (digits, the rule, the token's source, the outcome a broken check happened to
     * give).
     */
    static String keyOf(List<String> problems, Expected expected) {
        String first = problems.get(0);
        String kind = first.substring(0, Math.max(0, first.indexOf(':')));
        String prefix = "";
        String gist;
        switch (kind) {
            case "contract":
                prefix = "expected " + expected.outcomes().stream().sorted().toList() + ": ";
                gist = expected.basis().replaceAll("^rule \\S+ (is protected|admits|needs)[^;]*;? ?", "")
                        .replaceAll(" \\(token from [^)]*\\)", "");
                break;
            case "disagreement": {
                int at = first.indexOf("; first difference at ");
                String where = at < 0 ? "" : first.substring(at + 22);
                int colon = where.indexOf(": ");
                gist = first.substring(first.indexOf(':') + 2, at < 0 ? first.length() : at)
                        + " at " + (colon < 0 ? where : where.substring(0, colon));
                break;
            }
            default:
                gist = first.substring(first.indexOf(':') + 1);
        }
        // Only the gist's varying details are blurred; the prefix keeps its statuses.
        gist = prefix + gist.replaceAll("\\b[0-9]+\\b", "#").replaceAll("\"[^\"]*\"", "\"…\"").strip();
        return kind + ": " + (gist.length() > 200 ? gist.substring(0, 200) : gist);
    }
}
