package site.paywall.edge.core.signin;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The decoded parameters of a raw query string ({@code a=1&b=x%20y}), in order. One pass over the text, at most
 * {@link #MAX_PARAMETERS} parameters; a parameter whose encoding is broken makes the whole query unreadable, because
 * a parameter read two ways is never guessed at.
 */
public final class QueryString {

    /** The flow's own queries hold at most four parameters; a query of hundreds is not ours and is not decoded. */
    static final int MAX_PARAMETERS = 64;

    private final List<String> names;
    private final List<String> values;

    private QueryString(List<String> names, List<String> values) {
        this.names = names;
        this.values = values;
    }

    /** Empty when an escape is broken, a name or value is not valid UTF-8, or there are too many parameters. */
    public static Optional<QueryString> parse(String raw) {
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        int start = 0;
        int length = raw.length();
        while (start < length) {
            int eq = -1;
            int end = start;
            for (; end < length; end++) {
                char c = raw.charAt(end);
                if (c == '&') {
                    break;
                }
                if (c == '=' && eq < 0) {
                    eq = end;
                }
            }
            if (end > start) {
                if (names.size() == MAX_PARAMETERS) {
                    return Optional.empty();
                }
                Optional<String> name = UrlEncoding.decode(raw.substring(start, eq < 0 ? end : eq), true);
                Optional<String> value = eq < 0 ? Optional.of("")
                        : UrlEncoding.decode(raw.substring(eq + 1, end), true);
                if (name.isEmpty() || value.isEmpty()) {
                    return Optional.empty();
                }
                names.add(name.get());
                values.add(value.get());
            }
            start = end + 1;
        }
        return Optional.of(new QueryString(names, values));
    }

    /** How often {@code name} occurs. */
    public int count(String name) {
        int count = 0;
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equals(name)) {
                count++;
            }
        }
        return count;
    }

    /** The value of {@code name} when it occurs exactly once. */
    public Optional<String> single(String name) {
        if (count(name) != 1) {
            return Optional.empty();
        }
        return Optional.of(values.get(names.indexOf(name)));
    }
}
