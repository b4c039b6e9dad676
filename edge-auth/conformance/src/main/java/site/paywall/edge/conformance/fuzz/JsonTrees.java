package site.paywall.edge.conformance.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Equality of two JSON trees as JavaScript sees them: member order is irrelevant and numbers compare by their IEEE
 * double value (the bundle's results come back through JSON.parse/JSON.stringify, where 1.0 is 1 and integers
 * beyond 2^53 round). Everything else must be identical.
 */
public final class JsonTrees {

    private JsonTrees() { }

    /** Where the two trees first differ (a JSON-pointer-like path and both values), or empty when equal. */
    public static Optional<String> firstDifference(JsonNode a, JsonNode b) {
        return difference(a, b, "");
    }

    private static Optional<String> difference(JsonNode a, JsonNode b, String path) {
        if (a.isNumber() && b.isNumber()) {
            return a.doubleValue() == b.doubleValue() ? Optional.empty() : differs(path, a, b);
        }
        if (a.getNodeType() != b.getNodeType()) {
            return differs(path, a, b);
        }
        if (a.isObject()) {
            Set<String> names = new TreeSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String at = path + "/" + name;
                if (!a.has(name) || !b.has(name)) {
                    return Optional.of(at + ": " + (a.has(name) ? "only in the first" : "only in the second"));
                }
                Optional<String> inner = difference(a.get(name), b.get(name), at);
                if (inner.isPresent()) {
                    return inner;
                }
            }
            return Optional.empty();
        }
        if (a.isArray()) {
            if (a.size() != b.size()) {
                return Optional.of(path + ": arrays of " + a.size() + " and " + b.size() + " elements");
            }
            Iterator<JsonNode> ia = a.elements();
            Iterator<JsonNode> ib = b.elements();
            for (int i = 0; ia.hasNext(); i++) {
                Optional<String> inner = difference(ia.next(), ib.next(), path + "/" + i);
                if (inner.isPresent()) {
                    return inner;
                }
            }
            return Optional.empty();
        }
        return a.equals(b) ? Optional.empty() : differs(path, a, b);
    }

    private static Optional<String> differs(String path, JsonNode a, JsonNode b) {
        return Optional.of((path.isEmpty() ? "/" : path) + ": " + clip(a.toString()) + " vs " + clip(b.toString()));
    }

    private static String clip(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "…" : text;
    }
}
