package site.paywall.edge.core.response;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A response the sign-in flow generates at the edge: status, headers in the order given (several {@code Set-Cookie}
 * allowed), and a body unless there must be none (a redirect, a 204). {@link CloudFrontResult} adds
 * {@code Cache-Control: no-store} and {@code X-Content-Type-Options: nosniff} to every one.
 */
public record EdgeResponse(int status, List<Header> headers, Optional<String> body) {

    /** A header as sent: {@code name} in its usual capitalisation, lowercased for CloudFront's map when rendered. */
    public record Header(String name, String value) { }

    public static Builder status(int status) {
        return new Builder(status);
    }

    /** The reason phrase CloudFront puts in {@code statusDescription}. */
    public String statusDescription() {
        switch (status) {
            case 200: return "OK";
            case 204: return "No Content";
            case 302: return "Found";
            case 400: return "Bad Request";
            case 401: return "Unauthorized";
            case 403: return "Forbidden";
            case 404: return "Not Found";
            case 405: return "Method Not Allowed";
            case 502: return "Bad Gateway";
            default: return "Status " + status;
        }
    }

    /** Values of every header of this name (as written, e.g. "Set-Cookie"), in order. */
    public List<String> values(String name) {
        List<String> values = new ArrayList<>();
        for (Header header : headers) {
            if (header.name().equals(name)) {
                values.add(header.value());
            }
        }
        return values;
    }

    /** Builds a response; bodies set their content type. */
    public static final class Builder {
        private final int status;
        private final List<Header> headers = new ArrayList<>();
        private Optional<String> body = Optional.empty();

        private Builder(int status) {
            this.status = status;
        }

        public Builder header(String name, String value) {
            headers.add(new Header(name, value));
            return this;
        }

        public Builder cookies(List<String> setCookies) {
            for (String cookie : setCookies) {
                headers.add(new Header("Set-Cookie", cookie));
            }
            return this;
        }

        public Builder html(String page) {
            headers.add(new Header("Content-Type", "text/html; charset=utf-8"));
            body = Optional.of(page);
            return this;
        }

        public Builder json(String text) {
            headers.add(new Header("Content-Type", "application/json"));
            body = Optional.of(text);
            return this;
        }

        public EdgeResponse build() {
            return new EdgeResponse(status, List.copyOf(headers), body);
        }
    }
}
