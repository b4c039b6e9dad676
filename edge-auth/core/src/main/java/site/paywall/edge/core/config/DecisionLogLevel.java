package site.paywall.edge.core.config;

import java.util.Optional;

/** Which decisions get a log line: all of them, only denials, or none. */
public enum DecisionLogLevel {
    ALL("all"), DENIALS("denials"), OFF("off");

    private final String configValue;

    DecisionLogLevel(String configValue) {
        this.configValue = configValue;
    }

    public String configValue() {
        return configValue;
    }

    public static Optional<DecisionLogLevel> fromConfig(String value) {
        for (DecisionLogLevel level : values()) {
            if (level.configValue.equals(value)) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }
}
