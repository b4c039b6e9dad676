package site.paywall.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MotoServerTest {

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()
                .send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void startsOnLoopbackAnswersResetsAndStopsForGood() throws Exception {
        String endpoint;
        try (MotoServer moto = MotoServer.start()) {
            endpoint = moto.endpoint();
            assertTrue(endpoint.startsWith("http://127.0.0.1:"), endpoint);
            assertEquals(200, get(endpoint + "/moto-api/").statusCode());
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(endpoint + "/reset-probe-bucket"))
                    .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            assertTrue(get(endpoint + "/").body().contains("reset-probe-bucket"), "the bucket was created");
            moto.reset();
            assertTrue(!get(endpoint + "/").body().contains("reset-probe-bucket"), "reset forgot the bucket");
            moto.close();
            moto.close();
        }
        assertThrows(ConnectException.class, () -> get(endpoint + "/moto-api/"), "nothing listens after close()");
    }

    @Test
    void dummyCredentialsReplaceEveryAwsVariable() {
        Map<String, String> env = new HashMap<>(
                Map.of("AWS_PROFILE", "prod", "AWS_SESSION_TOKEN", "t", "PATH", "/bin"));
        MotoServer.dummyCredentials(env);
        assertEquals("testing", env.get("AWS_ACCESS_KEY_ID"));
        assertEquals("/bin", env.get("PATH"));
        assertTrue(!env.containsKey("AWS_PROFILE") && !env.containsKey("AWS_SESSION_TOKEN"), env.toString());
    }
}
