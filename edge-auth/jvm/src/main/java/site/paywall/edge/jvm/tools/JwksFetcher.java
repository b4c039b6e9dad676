package site.paywall.edge.jvm.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import site.paywall.edge.jvm.JvmPlatform;

/** Fetches a JWKS at build time — the edge never does (no network at cold start). */
final class JwksFetcher {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    /** Plain http only for local emulators (cognito-local, moto); anything else must be https. */
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private JwksFetcher() { }

    static JsonNode fetch(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new ToolError(ToolError.INVALID_CONFIG, "JWKS URL \"" + url + "\" is not a URL");
        }
        String host = Optional.ofNullable(uri.getHost()).orElse("");
        boolean https = "https".equals(uri.getScheme());
        boolean localHttp = "http".equals(uri.getScheme()) && LOCAL_HOSTS.contains(host);
        if (!https && !localHttp) {
            throw new ToolError(ToolError.INVALID_CONFIG, "JWKS URL " + url
                    + " must be https (plain http is allowed for localhost emulators only)");
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Accept", "application/json").GET().build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ToolError(ToolError.JWKS_FETCH_FAILED, "cannot fetch the JWKS from " + url + ": "
                    + JsonFiles.describe(e) + " (give it with --jwks-file or \"jwks\" in the config instead)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolError(ToolError.JWKS_FETCH_FAILED, "interrupted while fetching the JWKS from " + url);
        }
        if (response.statusCode() != 200) {
            throw new ToolError(ToolError.JWKS_FETCH_FAILED, "fetching the JWKS from " + url + " answered HTTP "
                    + response.statusCode() + " (is the issuer / user pool id right?)");
        }
        return JvmPlatform.parse(response.body()).filter(JsonNode::isObject)
                .orElseThrow(() -> new ToolError(ToolError.JWKS_FETCH_FAILED, "the JWKS at " + url
                        + " is not a JSON object"));
    }
}
