package site.paywall.edge.core.config;

import java.util.List;
import java.util.Optional;

/** The ordered rules; the first whose pattern matches decides. A path no rule matches is denied. */
public record AccessRules(List<AccessRule> rules) {

    public Optional<AccessRule> firstMatch(String canonicalPath) {
        for (AccessRule rule : rules) {
            if (rule.path().matches(canonicalPath)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }
}
