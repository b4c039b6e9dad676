package site.paywall.edge.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import site.paywall.edge.core.Json;

/** Parses {@code rules}: an ordered, non-empty list of {@code {"path": pattern, "allow": access}}. */
final class RulesParser {

    private RulesParser() { }

    static List<AccessRule> parse(Optional<Json> value, List<String> problems) {
        List<AccessRule> rules = new ArrayList<>();
        if (value.isEmpty()) {
            problems.add("rules: missing (an ordered list of {\"path\": ..., \"allow\": ...})");
            return rules;
        }
        if (!value.get().isArray() || value.get().length() == 0) {
            problems.add("rules: must be a non-empty array of {\"path\": ..., \"allow\": ...}");
            return rules;
        }
        Json array = value.get();
        for (int i = 0; i < array.length(); i++) {
            String where = "rules[" + i + "]";
            Json rule = array.at(i);
            if (!rule.isObject()) {
                problems.add(where + ": must be an object {\"path\": ..., \"allow\": ...}");
                continue;
            }
            for (String name : rule.names()) {
                if (!name.equals("path") && !name.equals("allow") && !name.equals("$comment")) {
                    problems.add(where + "." + name + ": unknown key (a rule has \"path\" and \"allow\")");
                }
            }
            Optional<PathPattern> path = pattern(rule, where, problems);
            Optional<Access> allow = access(rule, where, problems);
            if (path.isPresent() && allow.isPresent()) {
                rules.add(new AccessRule(path.get(), allow.get()));
            }
        }
        return rules;
    }

    private static Optional<PathPattern> pattern(Json rule, String where, List<String> problems) {
        Optional<String> text = rule.string("path");
        if (text.isEmpty()) {
            problems.add(where + ".path: missing or not a string");
            return Optional.empty();
        }
        Optional<String> problem = PathPattern.problem(text.get());
        if (problem.isPresent()) {
            problems.add(where + ".path: \"" + text.get() + "\" " + problem.get());
            return Optional.empty();
        }
        return Optional.of(new PathPattern(text.get()));
    }

    private static Optional<Access> access(Json rule, String where, List<String> problems) {
        Optional<Json> value = rule.get("allow");
        String expected = "; expected \"public\", \"signed-in\" or a non-empty list of group names";
        if (value.isEmpty()) {
            problems.add(where + ".allow: missing" + expected);
            return Optional.empty();
        }
        Json allow = value.get();
        if (allow.isString()) {
            switch (allow.stringValue()) {
                case "public":
                    return Optional.of(new Access.Public());
                case "signed-in":
                    return Optional.of(new Access.SignedIn());
                default:
                    problems.add(where + ".allow: unknown value \"" + allow.stringValue() + "\"" + expected);
                    return Optional.empty();
            }
        }
        if (!allow.isArray() || allow.length() == 0) {
            problems.add(where + ".allow: not a string or a list" + expected);
            return Optional.empty();
        }
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < allow.length(); i++) {
            Json group = allow.at(i);
            if (!group.isString() || group.stringValue().isEmpty()) {
                problems.add(where + ".allow[" + i + "]: a group name must be a non-empty string");
            } else {
                groups.add(group.stringValue());
            }
        }
        return groups.size() == allow.length() ? Optional.of(new Access.MemberOfAny(List.copyOf(groups)))
                : Optional.empty();
    }
}
