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
        int length = header.length();
        int start = 0;
        while (start <= length) {
            int eq = -1;
            int end = start;
            for (; end < length; end++) {
                char c = header.charAt(end);
                if (c == ';') {
                    break;
                }
                if (c == '=' && eq < 0) {
                    eq = end;
                }
            }
            if (eq >= 0) {
                pairs.add(new Pair(header.substring(start, eq).trim(), header.substring(eq + 1, end).trim()));
            }
            start = end + 1;
        }
        return pairs;
    }

    /**
     * The trimmed values of the pairs named exactly {@code name}, appended to {@code values} in order. Allocates only
     * for the pairs that match, so a header of thousands of other pairs costs one pass and no garbage.
     */
    public static void valuesOf(String header, String name, List<String> values) {
        int length = header.length();
        int start = 0;
        while (start <= length) {
            int eq = -1;
            int end = start;
            for (; end < length; end++) {
                char c = header.charAt(end);
                if (c == ';') {
                    break;
                }
                if (c == '=' && eq < 0) {
                    eq = end;
                }
            }
            if (eq >= 0 && nameIs(header, start, eq, name)) {
                values.add(header.substring(eq + 1, end).trim());
            }
            start = end + 1;
        }
    }

    /**
     * The header without the pairs whose names are listed; the other pairs keep their order and text. The header
     * comes back unchanged (same text) when it holds none of them.
     */
    public static String without(String header, List<String> names) {
        StringBuilder kept = new StringBuilder(header.length());
        boolean removed = false;
        int length = header.length();
        int start = 0;
        while (start <= length) {
            int eq = -1;
            int end = start;
            for (; end < length; end++) {
                char c = header.charAt(end);
                if (c == ';') {
                    break;
                }
                if (c == '=' && eq < 0) {
                    eq = end;
                }
            }
            if (isNamed(header, start, eq < 0 ? end : eq, names)) {
                removed = true;
            } else {
                String pair = header.substring(start, end).trim();
                if (!pair.isEmpty()) {
                    if (kept.length() > 0) {
                        kept.append("; ");
                    }
                    kept.append(pair);
                }
            }
            start = end + 1;
        }
        return removed ? kept.toString() : header;
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
