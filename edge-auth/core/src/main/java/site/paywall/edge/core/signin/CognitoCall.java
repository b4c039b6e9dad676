package site.paywall.edge.core.signin;

import site.paywall.edge.core.Json;
import site.paywall.edge.core.Platform;

/**
 * The one HTTP call a sign-in step needs, described rather than made: the core stays pure, and the runtime's adapter
 * (Node's fetch in the bundle, java.net.http on the JVM) performs it and hands back a {@link CallAnswer}.
 * Replays, fixtures and the fuzzer answer it from recordings instead.
 *
 * <p>Every call is a form POST to the hosted-UI domain. {@code attempts} is 1 for the single-use code exchange
 * (repeating it could only fail) and 2 for refresh and revoke, where repeating is harmless; each attempt may take
 * {@code timeoutMillis}, so that with the adapter's pause between attempts the whole request stays well inside
 * Lambda@Edge's 5 s viewer-request timeout.
 *
 * @param purpose "token" (code exchange), "refresh" or "revoke": the log names calls by it
 * @param form    the application/x-www-form-urlencoded body; it holds secrets (code, verifier, refresh token)
 *                and is never logged
 */
public record CognitoCall(String purpose, String url, String form, int attempts, int timeoutMillis) {

    /** Code exchange: one attempt (the code is single-use), 3 s. */
    static final int EXCHANGE_TIMEOUT_MILLIS = 3000;
    /** Refresh and revoke: two attempts of 1.5 s, with 100 ms between them at the adapter. */
    static final int RETRYABLE_TIMEOUT_MILLIS = 1500;

    public static CognitoCall exchange(String domain, String form) {
        return new CognitoCall("token", domain + "/oauth2/token", form, 1, EXCHANGE_TIMEOUT_MILLIS);
    }

    public static CognitoCall refresh(String domain, String form) {
        return new CognitoCall("refresh", domain + "/oauth2/token", form, 2, RETRYABLE_TIMEOUT_MILLIS);
    }

    public static CognitoCall revoke(String domain, String form) {
        return new CognitoCall("revoke", domain + "/oauth2/revoke", form, 2, RETRYABLE_TIMEOUT_MILLIS);
    }

    /** The description the adapters read: {purpose, method, url, headers, body, attempts, timeoutMillis}. */
    public Json toJson(Platform platform) {
        Json headers = platform.newObject()
                .put("content-type", platform.string("application/x-www-form-urlencoded"))
                .put("accept", platform.string("application/json"));
        return platform.newObject()
                .put("purpose", platform.string(purpose))
                .put("method", platform.string("POST"))
                .put("url", platform.string(url))
                .put("headers", headers)
                .put("body", platform.string(form))
                .put("attempts", platform.integer(attempts))
                .put("timeoutMillis", platform.integer(timeoutMillis));
    }
}
