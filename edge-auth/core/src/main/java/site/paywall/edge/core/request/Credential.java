package site.paywall.edge.core.request;

/** What the viewer presented as a token. */
public sealed interface Credential
        permits Credential.None, Credential.Presented, Credential.Unusable, Credential.Malformed {

    /** No bearer token and no token cookie. */
    record None() implements Credential { }

    /** A token to verify, and where it came from: "authorization" or the cookie's name (a place, never a value). */
    record Presented(String token, String source) implements Credential {
        /** True for a token cookie, false for the Authorization header. */
        public boolean fromCookie() {
            return !source.equals(Credentials.AUTHORIZATION);
        }
    }

    /** Something token-like that cannot be used as one (several Authorization headers, an empty bearer…). */
    record Unusable(String reason) implements Credential { }

    /** The headers themselves are not in CloudFront's shape. */
    record Malformed(String reason) implements Credential { }
}
