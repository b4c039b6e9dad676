package site.paywall.edge.core.request;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import site.paywall.edge.core.Json;

/**
 * Values of one header in CloudFront's shape: lowercase name → list of {@code {key, value}}, one entry per
 * occurrence. Any other shape is a malformed event.
 */
public sealed interface HeaderValues permits HeaderValues.Values, HeaderValues.Malformed {

    record Values(List<String> values) implements HeaderValues { }

    /**
     * Whether any value contains {@code text} (a malformed header: no). Indexed, no iterator: it runs on the
     * request path.
     */
    default boolean anyContains(String text) {
        if (this instanceof Values values) {
            List<String> list = values.values();
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i).contains(text)) {
                    return true;
                }
            }
        }
        return false;
    }

    record Malformed(String reason) implements HeaderValues { }

    /** The header is absent (or an empty list): no values. */
    Values NONE = new Values(List.of());

    /** The reference reading of a header; {@link site.paywall.edge.core.Platform#headerValues} must agree with it. */
    static HeaderValues of(Json headers, String lowercaseName) {
        Optional<Json> entries = headers.get(lowercaseName);
        if (entries.isEmpty()) {
            return NONE;
        }
        if (!entries.get().isArray()) {
            return new Malformed("headers." + lowercaseName + " is not a list");
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < entries.get().length(); i++) {
            Json entry = entries.get().at(i);
            Optional<String> value = entry.isObject() ? entry.string("value") : Optional.empty();
            if (value.isEmpty()) {
                return new Malformed("headers." + lowercaseName + "[" + i + "] has no string value");
            }
            values.add(value.get());
        }
        return values.isEmpty() ? NONE : new Values(values);
    }
}
