package site.paywall.edge.jvm.engine;

import java.util.List;

/** The configuration does not validate; {@link #problems()} names each key and what is wrong with it. */
public final class InvalidConfigException extends RuntimeException {

    private final List<String> problems;

    public InvalidConfigException(List<String> problems) {
        super("invalid configuration:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
