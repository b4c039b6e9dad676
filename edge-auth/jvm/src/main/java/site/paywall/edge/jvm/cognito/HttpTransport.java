package site.paywall.edge.jvm.cognito;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;

/** A live attempt with java.net.http: the JVM reference's way to reach Cognito (edge-replay, a local site). */
public final class HttpTransport implements CognitoTransport {

    private final HttpClient client = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    @Override
    public Attempt send(JsonNode call, int timeoutMillis) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(call.path("url").asText()))
                    .timeout(Duration.ofMillis(timeoutMillis))
                    .method(call.path("method").asText("POST"),
                            HttpRequest.BodyPublishers.ofString(call.path("body").asText("")));
            for (Iterator<Map.Entry<String, JsonNode>> it = call.path("headers").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> header = it.next();
                request.header(header.getKey(), header.getValue().asText());
            }
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Attempt.Answered(response.statusCode(), response.body());
        } catch (HttpTimeoutException e) {
            return new Attempt.TimedOut();
        } catch (IOException | IllegalArgumentException e) {
            return new Attempt.Unreachable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Attempt.Unreachable();
        }
    }
}
