package site.paywall.edge.core;

/** Why the edge answers a request itself instead of forwarding it, with the status CloudFront returns. */
public enum Denial {
    /** The URI is not in canonical form (S3 would resolve it to another key than it reads as). */
    NOT_CANONICAL(400, "Bad Request", "bad_request", "The request path is not in canonical form."),
    /** A protected path and no token at all. */
    NO_TOKEN(401, "Unauthorized", "unauthorized", "Sign-in required."),
    /** A protected path and a token that does not verify. */
    INVALID_TOKEN(401, "Unauthorized", "invalid_token", "The token is not valid. Sign in again."),
    /** A valid token that the path's rule does not admit. */
    NOT_ALLOWED(403, "Forbidden", "forbidden", "Your account does not have access to this content."),
    /** No rule matches the path: denied by default. */
    NO_RULE(403, "Forbidden", "forbidden", "This path is not served."),
    /** The event is not a viewer-request event we understand. */
    MALFORMED_EVENT(500, "Internal Server Error", "internal_error", "The request could not be processed."),
    /** The bundled configuration is invalid, or something failed inside the handler. */
    INTERNAL_ERROR(500, "Internal Server Error", "internal_error", "The request could not be processed.");

    private final int status;
    private final String statusText;
    private final String statusDescription;
    private final String errorCode;
    private final String message;

    Denial(int status, String statusDescription, String errorCode, String message) {
        this.status = status;
        this.statusText = String.valueOf(status);
        this.statusDescription = statusDescription;
        this.errorCode = errorCode;
        this.message = message;
    }

    public int status() {
        return status;
    }

    /** The status as CloudFront wants it: a string. */
    public String statusText() {
        return statusText;
    }

    public String statusDescription() {
        return statusDescription;
    }

    /** Short machine-readable code for the JSON body (RFC 6750's {@code invalid_token} where it applies). */
    public String errorCode() {
        return errorCode;
    }

    /** One sentence for people; says nothing about which check failed. */
    public String message() {
        return message;
    }
}
