package site.paywall.edge.conformance.fuzz;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Inputs at the size CloudFront lets through (request line and headers up to 20,480 bytes, URL up to 8,192), made of
 * the pieces each parser treats specially, so that the time oracle sees whether any loop over viewer text grows
 * faster than its input: Cookie headers of separators, pairs or many occurrences, long percent-encoded or segmented
 * URIs, long Accept headers, many headers, long query strings.
 */
final class MaximalInputs {

    private static final int HEADER_BUDGET = 19_000;
    private static final int URI_BUDGET = 8_100;

    private final CaseGenerator generator;

    MaximalInputs(CaseGenerator generator) {
        this.generator = generator;
    }

    void generate(Draft d) {
        d.category = "maximal";
        String path = d.pick(CaseGenerator.PROTECTED_PATHS);
        int v = d.nextInt(9);
        switch (v) {
            case 0 -> {
                generator.startEvent(d, path);
                d.header("Cookie", repeat(d.pick(";", "=", "; ", "a", "=;", " ;="), HEADER_BUDGET));
            }
            case 1 -> {
                generator.startEvent(d, path);
                StringBuilder pairs = new StringBuilder();
                for (int i = 0; pairs.length() < HEADER_BUDGET - 20; i++) {
                    pairs.append(d.pick("c", "id_token", "auth_attempt_x", "access_token")).append(i).append('=')
                            .append(d.pick("", "v", "a.b.c")).append("; ");
                }
                d.header("Cookie", pairs.toString());
            }
            case 2 -> {
                generator.startEvent(d, path);
                int occurrences = d.pick(200, 800, 1500);
                for (int i = 0; i < occurrences; i++) {
                    d.header("Cookie", d.pick("a=1", ";", "id_token=", "x"));
                }
            }
            case 3 -> generator.startEvent(d, path + repeat(d.pick("%41", "%2e%2e%2e/", "a/", "%C3%A9", "+", "%25"),
                    URI_BUDGET - path.length()));
            case 4 -> generator.startEvent(d, "/downloads/" + repeat(d.pick("a.pd", "x/", ".pdf.", "p"),
                    URI_BUDGET - 11));
            case 5 -> {
                generator.startEvent(d, path);
                d.request().withObject("headers").remove("accept");
                d.header("Accept", repeat(d.pick("a/b;q=0.1,", "text/htm,", " ", ","), HEADER_BUDGET));
            }
            case 6 -> {
                generator.startEvent(d, path);
                ObjectNode headers = d.request().withObject("headers");
                for (int i = 0; i < 600; i++) {
                    headers.putArray("x-h-" + i).addObject().put("key", "X-H-" + i).put("value", "v" + i);
                }
            }
            case 7 -> {
                generator.startEvent(d, d.pick(path, "/_auth/callback", "/_auth/refresh", "/_auth/signin"));
                d.request().put("querystring", repeat(d.pick("x=y&", "&", "state=", "%41", "code=c&"), URI_BUDGET));
            }
            default -> {
                generator.startEvent(d, path);
                d.header("Authorization", "Bearer " + repeat(d.pick("A", "A.", "..", "A-_"), 8_200));
            }
        }
        d.mutation("size-maximal input, variant " + v);
    }

    private static String repeat(String piece, int length) {
        StringBuilder out = new StringBuilder(length + piece.length());
        while (out.length() < length) {
            out.append(piece);
        }
        out.setLength(length);
        return out.toString();
    }
}
