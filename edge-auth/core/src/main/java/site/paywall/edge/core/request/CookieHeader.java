package site.paywall.edge.core.request;

import java.util.ArrayList;
import java.util.List;

/** The name=value pairs of one {@code Cookie} header value ({@code a=1; b=2}). */
public final class CookieHeader {

    private CookieHeader() { }

    public record Pair(String name, String value) { }

    /** The trimmed name and value of each pair, in order; text without "=" is not a pair. */
    public static List<Pair> pairs(String header) {
        List<Pair> pairs = new ArrayList<>();
        int start = 0;
        while (start <= header.length()) {
            int end = header.indexOf(';', start);
            if (end < 0) {
                end = header.length();
            }
            int eq = header.indexOf('=', start);
            if (eq >= 0 && eq < end) {
                pairs.add(new Pair(header.substring(start, eq).trim(), header.substring(eq + 1, end).trim()));
            }
            start = end + 1;
        }
        return pairs;
    }

    /**
     * The header without the pairs whose names are listed; the other pairs keep their order and text. The header
     * comes back unchanged (same text) when it holds none of them.
     */
    public static String without(String header, List<String> names) {
        StringBuilder kept = new StringBuilder(header.length());
        boolean removed = false;
        int start = 0;
        while (start <= header.length()) {
            int end = header.indexOf(';', start);
            if (end < 0) {
                end = header.length();
            }
            String pair = header.substring(start, end).trim();
            int eq = pair.indexOf('=');
            String name = eq >= 0 ? pair.substring(0, eq).trim() : pair;
            if (names.contains(name)) {
                removed = true;
            } else if (!pair.isEmpty()) {
                if (kept.length() > 0) {
                    kept.append("; ");
                }
                kept.append(pair);
            }
            start = end + 1;
        }
        return removed ? kept.toString() : header;
    }
}
