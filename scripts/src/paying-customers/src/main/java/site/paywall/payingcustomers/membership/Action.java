package site.paywall.payingcustomers.membership;

import java.util.Locale;
import java.util.Optional;

/** What an admin asks for one user. */
public enum Action {
    GRANT, REVOKE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Action> parse(String text) {
        for (Action a : values()) {
            if (a.label().equalsIgnoreCase(text.trim())) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
