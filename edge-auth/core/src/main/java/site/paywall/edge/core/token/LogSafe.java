package site.paywall.edge.core.token;

/** Quotes token-supplied text (a kid, an alg) for a log reason only when it is short and plain. */
final class LogSafe {

    private static final int MAX = 64;

    private LogSafe() { }

    static String quote(String text) {
        if (text.isEmpty() || text.length() > MAX) {
            return "(" + text.length() + " characters)";
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '+' || c == '/' || c == '=';
            if (!plain) {
                return "(" + text.length() + " characters)";
            }
        }
        return "\"" + text + "\"";
    }
}
