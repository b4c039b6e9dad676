package site.paywall.edge.core.signin;

/**
 * The flow's Set-Cookie values. Every cookie is HttpOnly (no page script ever reads a token), Secure, SameSite=Lax
 * (sent on the top-level GET that comes back from the hosted UI, never on a cross-site POST or subrequest), with an
 * explicit Path and no Domain. An expiring cookie repeats exactly the Path and attributes it was set with, or the
 * browser would keep the original.
 */
public final class SetCookies {

    private static final String ATTRIBUTES = "; HttpOnly; Secure; SameSite=Lax";
    /**
     * The largest name=value a browser keeps (RFC 6265 §6.1's minimum, which Chrome and Firefox also enforce as
     * their maximum): a longer cookie is dropped without a word, so a session set in one would vanish and the next
     * page would send the browser to sign in again, in a loop.
     */
    public static final int MAX_PAIR_LENGTH = 4096;

    private SetCookies() { }

    public static String set(String name, String value, String path, int maxAgeSeconds) {
        return name + "=" + value + "; Path=" + path + "; Max-Age=" + maxAgeSeconds + ATTRIBUTES;
    }

    public static String expire(String name, String path) {
        return name + "=; Path=" + path + "; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT" + ATTRIBUTES;
    }

    /** Whether a browser keeps {@code name=value} (ASCII, as every cookie this flow sets). */
    public static boolean fits(String name, String value) {
        return pairLength(name, value) <= MAX_PAIR_LENGTH;
    }

    /** The length of {@code name=value}, what a browser's limit counts. */
    public static int pairLength(String name, String value) {
        return name.length() + 1 + value.length();
    }

    /** RFC 6265 cookie-octets: visible ASCII without space, '"', ',', ';' and '\'. */
    public static boolean isCookieValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7e || c == '"' || c == ',' || c == ';' || c == '\\') {
                return false;
            }
        }
        return true;
    }
}
