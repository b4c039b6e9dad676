package site.paywall.edge.core.config;

import java.util.List;

/** The ordered rules; the first whose pattern matches decides. A path no rule matches is denied. */
public record AccessRules(List<AccessRule> rules) {

    /** The first rule whose pattern matches, or {@link #NO_MATCH}: an index, so a match allocates nothing. */
    public int firstMatch(String canonicalPath) {
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).path().matches(canonicalPath)) {
                return i;
            }
        }
        return NO_MATCH;
    }

    public static final int NO_MATCH = -1;

    public AccessRule get(int index) {
        return rules.get(index);
    }
}
