package site.paywall.edge.core.request;

import java.util.ArrayList;
import java.util.List;

/**
 * The name=value pairs of one {@code Cookie} header value ({@code a=1; b=2}). Every scan here visits each character
 * once: a search that ran past the current pair (indexOf('=') to the end of the header) made a 19 KB header of ";"
 * cost seconds in the bundle.
 */
public final class CookieHeader {

    private CookieHeader() { }

    public record Pair(String name, String value) { }

    /** The trimmed name and value of each pair, in order; text without "=" is not a pair. */
    public static List<Pair> pairs(String header) {
        List<Pair> pairs = new ArrayList<>();
        for (Scan pair = new Scan(header); pair.next(); ) {
            if (pair.eq >= 0) {
                pairs.add(new Pair(header.substring(pair.start, pair.eq).trim(),
                        header.substring(pair.eq + 1, pair.end).trim()));
            }
        }
        return pairs;
    }

    /**
     * The trimmed values of the pairs named exactly {@code name}, appended to {@code values} in order. Allocates only
     * for the pairs that match, so a header of thousands of other pairs costs one pass and no garbage.
     */
    public static void valuesOf(String header, String name, List<String> values) {
        for (Scan pair = new Scan(header); pair.next(); ) {
            if (pair.eq >= 0 && nameIs(header, pair.start, pair.eq, name)) {
                values.add(header.substring(pair.eq + 1, pair.end).trim());
            }
        }
    }

    /**
     * The header without the pairs whose names are listed; the other pairs keep their order and text. The header
     * comes back unchanged (same text) when it holds none of them.
     */
    public static String without(String header, List<String> names) {
        StringBuilder kept = new StringBuilder(header.length());
        boolean removed = false;
        for (Scan pair = new Scan(header); pair.next(); ) {
            if (isNamed(header, pair.start, pair.eq < 0 ? pair.end : pair.eq, names)) {
                removed = true;
            } else {
                String text = header.substring(pair.start, pair.end).trim();
                if (!text.isEmpty()) {
                    if (kept.length() > 0) {
                        kept.append("; ");
                    }
                    kept.append(text);
                }
            }
        }
        return removed ? kept.toString() : header;
    }

    /**
     * The one scan every reader shares: after each {@link #next()}, {@code header[start, end)} is a pair (up to the
     * next ';') and {@code eq} its first '=' or -1. Each character is visited once over the whole header.
     */
    private static final class Scan {
        private final String header;
        int start;
        int eq;
        int end = -1;

        Scan(String header) {
            this.header = header;
        }

        boolean next() {
            int length = header.length();
            start = end + 1;
            if (start > length) {
                return false;
            }
            eq = -1;
            for (end = start; end < length; end++) {
                char c = header.charAt(end);
                if (c == ';') {
                    break;
                }
                if (c == '=' && eq < 0) {
                    eq = end;
                }
            }
            return true;
        }
    }

    private static boolean isNamed(String header, int from, int to, List<String> names) {
        for (int i = 0; i < names.size(); i++) {
            if (nameIs(header, from, to, names.get(i))) {
                return true;
            }
        }
        return false;
    }

    /** True when {@code header[from, to)}, trimmed as String.trim does, is exactly {@code name}. */
    private static boolean nameIs(String header, int from, int to, String name) {
        while (from < to && header.charAt(from) <= ' ') {
            from++;
        }
        while (to > from && header.charAt(to - 1) <= ' ') {
            to--;
        }
        int length = name.length();
        if (to - from != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (header.charAt(from + i) != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
