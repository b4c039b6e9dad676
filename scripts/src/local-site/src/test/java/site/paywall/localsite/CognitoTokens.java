package site.paywall.localsite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Tokens for a demo user straight from cognito-local's API ({@code InitiateAuth USER_PASSWORD_AUTH}; the local
 * app client allows that flow). Stands in for the hosted sign-in until the edge does sign-in itself; the sign-in
 * steps use {@link HostedUiForm} instead.
 */
final class CognitoTokens {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Tokens(String idToken, String accessToken, String refreshToken) {
    }

    static Tokens signIn(LocalSite site, LocalSite.DemoUser user) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of(
                "AuthFlow", "USER_PASSWORD_AUTH",
                "ClientId", site.clientId(),
                "AuthParameters", Map.of("USERNAME", user.email(), "PASSWORD", user.password())));
        HttpRequest request = HttpRequest.newBuilder(URI.create(site.cognitoEndpoint() + "/"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AWSCognitoIdentityProviderService.InitiateAuth")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("InitiateAuth for " + user.email() + " answered HTTP "
                    + response.statusCode() + ": " + response.body());
        }
        JsonNode result = JSON.readTree(response.body()).path("AuthenticationResult");
        return new Tokens(result.path("IdToken").asText(), result.path("AccessToken").asText(),
                result.path("RefreshToken").asText());
    }

    private CognitoTokens() {
    }
}
