package site.paywall.edge.core.signin;

import java.util.Optional;
import site.paywall.edge.core.encoding.Hex;
import site.paywall.edge.core.request.CanonicalPath;
import site.paywall.edge.core.request.PathCheck;

/**
 * Where a browser goes back to after signing in or refreshing: only a path of this site, never a URL. It must start
 * with one "/" (never "//" or "/\", which browsers read as another host), be canonical as the authorizer defines it,
 * lie outside the flow's own prefix, carry a query of URL characters only, and fit {@link #MAX_LENGTH}. Anything
 * else becomes "/": an open redirect needs a return value that leaves the site, and none passes here.
 */
public final class ReturnPath {

    /** Keeps every cookie, link and Location short, far under CloudFront's 8,192-byte URL limit. */
    public static final int MAX_LENGTH = 1024;
    public static final String HOME = "/";

    private ReturnPath() { }

    /** The request's own path and query, if it is a safe place to come back to; "/" otherwise. */
    public static String ofRequest(String uri, String querystring, String flowPrefix) {
        String candidate = querystring.isEmpty() ? uri : uri + "?" + querystring;
        return isSafe(candidate, flowPrefix) ? candidate : HOME;
    }

    /** A return path carried in a parameter or a cookie: itself when safe, "/" otherwise (also when absent). */
    public static String ofParameter(Optional<String> value, String flowPrefix) {
        return value.isPresent() && isSafe(value.get(), flowPrefix) ? value.get() : HOME;
    }

    static boolean isSafe(String candidate, String flowPrefix) {
        if (candidate.length() > MAX_LENGTH || candidate.isEmpty() || candidate.charAt(0) != '/') {
            return false;
        }
        int question = candidate.indexOf('?');
        String path = question < 0 ? candidate : candidate.substring(0, question);
        if (path.startsWith("//") || path.startsWith("/\\")) {
            return false;
        }
        PathCheck check = CanonicalPath.check(path);
        if (!(check instanceof PathCheck.Canonical canonical) || canonical.path().startsWith(flowPrefix)
                || path.startsWith(flowPrefix)) {
            return false;
        }
        return question < 0 || isQuery(candidate, question + 1);
    }

    /** RFC 3986 query characters: unreserved, sub-delims, ":", "@", "/", "?" and well-formed %XX. */
    private static boolean isQuery(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length() || Hex.digit(text.charAt(i + 1)) < 0
                        || Hex.digit(text.charAt(i + 2)) < 0) {
                    return false;
                }
                i += 2;
            } else if (!UrlEncoding.isUnreserved(c) && "!$&'()*+,;=:@/?".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }
}
