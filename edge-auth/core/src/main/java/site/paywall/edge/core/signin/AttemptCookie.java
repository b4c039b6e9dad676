package site.paywall.edge.core.signin;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import site.paywall.edge.core.encoding.Base64Url;
import site.paywall.edge.core.request.CookieHeader;

/**
 * One sign-in attempt, bound to the browser that started it: a cookie named after the attempt's random
 * {@code state}, holding when it started, its PKCE verifier and the path to return to. Each attempt has its own
 * cookie, so two tabs or a burst of navigations each complete instead of overwriting one shared nonce. The cookie
 * is scoped to the callback path and lives {@link #MAX_AGE_SECONDS}; the callback keeps at most
 * {@link #MAX_PENDING} others and expires the rest.
 */
public record AttemptCookie(String state, long startedAtSeconds, String verifier, String returnPath) {

    public static final String NAME_PREFIX = "auth_attempt_";
    public static final int MAX_AGE_SECONDS = 600;
    /**
     * Attempts kept besides the one completing. Seven attempts at the longest return path, next to a full session,
     * still leave a callback request well inside CloudFront's 20,480 bytes (SessionCookieSizeTest measures it).
     */
    public static final int MAX_PENDING = 6;
    /**
     * More attempt cookies than this in one request are not cleaned up in one callback (honest browsers hold at most
     * MAX_PENDING + 1 after a callback); the callback's own is found among all of them ({@link #find}).
     */
    static final int MAX_READ = 32;
    /** 16 random bytes, base64url. */
    public static final int STATE_LENGTH = 22;
    /** 32 random bytes, base64url: RFC 7636's recommended 43-character verifier. */
    public static final int VERIFIER_LENGTH = 43;

    public String name() {
        return NAME_PREFIX + state;
    }

    /** {@code <startedAt>.<verifier>.<base64url(returnPath)>}: only cookie-safe characters. */
    public String value() {
        return startedAtSeconds + "." + verifier + "." + Base64Url.encodeAscii(returnPath);
    }

    /** Started at most {@link #MAX_AGE_SECONDS} ago, and not later than now (give or take the clock skew allowed). */
    public boolean isCurrent(long nowSeconds, long skewSeconds) {
        return nowSeconds - startedAtSeconds <= MAX_AGE_SECONDS && startedAtSeconds - nowSeconds <= skewSeconds;
    }

    /** A state as this edge makes them; anything else cannot name an attempt. */
    public static boolean isState(String state) {
        return state.length() == STATE_LENGTH && Base64Url.isCanonical(state);
    }

    /** Reads one cookie; empty unless it is exactly in the shape {@link #value()} writes. */
    public static Optional<AttemptCookie> read(String state, String value) {
        int first = value.indexOf('.');
        int second = first < 0 ? -1 : value.indexOf('.', first + 1);
        if (first <= 0 || first > 12 || second != first + 1 + VERIFIER_LENGTH) {
            return Optional.empty();
        }
        long startedAt = 0;
        for (int i = 0; i < first; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return Optional.empty();
            }
            startedAt = startedAt * 10 + (c - '0');
        }
        String verifier = value.substring(first + 1, second);
        if (!Base64Url.isCanonical(verifier)) {
            return Optional.empty();
        }
        Optional<String> returnPath = Base64Url.decodeAscii(value.substring(second + 1));
        if (returnPath.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AttemptCookie(state, startedAt, verifier, returnPath.get()));
    }

    /**
     * The attempt cookie named after {@code state}, looked for among every cookie the browser sent — not only the
     * {@link #MAX_READ} that {@link #all} reads: browsers send the oldest cookies first, so a page that made a browser
     * start 32 attempts would otherwise hide every newer one and lock it out of signing in for ten minutes. Empty
     * unless the browser sent exactly one value for it, readable.
     */
    public static Optional<AttemptCookie> find(List<String> cookieHeaders, String state) {
        String name = NAME_PREFIX + state;
        List<String> values = new ArrayList<>(1);
        for (String header : cookieHeaders) {
            CookieHeader.valuesOf(header, name, values);
        }
        return values.size() == 1 ? read(state, values.get(0)) : Optional.empty();
    }

    /**
     * The attempt cookies the browser sent, in order, for the callback's clean-up: only those whose name holds a
     * state this edge could have made, and at most {@link #MAX_READ}. Anything else under the prefix is not ours; it
     * is neither read nor echoed back in an expiring Set-Cookie, so a request stuffed with such cookies cannot make
     * the answer outgrow Lambda@Edge's 40 KB.
     */
    public static List<CookieHeader.Pair> all(List<String> cookieHeaders) {
        List<CookieHeader.Pair> attempts = new ArrayList<>();
        for (String header : cookieHeaders) {
            for (CookieHeader.Pair pair : CookieHeader.pairs(header)) {
                if (attempts.size() < MAX_READ && pair.name().startsWith(NAME_PREFIX)
                        && isState(pair.name().substring(NAME_PREFIX.length()))) {
                    attempts.add(pair);
                }
            }
        }
        return attempts;
    }
}
