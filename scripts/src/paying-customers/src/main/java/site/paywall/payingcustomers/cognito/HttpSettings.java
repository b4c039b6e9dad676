package site.paywall.payingcustomers.cognito;

import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * How every HTTP client of a run connects: timeouts, trusted CAs, proxy.
 *
 * @param connectTimeout per attempt, to open the connection (--cli-connect-timeout)
 * @param readTimeout    per attempt, the longest silence while waiting for an answer (--cli-read-timeout)
 * @param caBundle       CAs that replace the JVM's, when AWS_CA_BUNDLE or --ca-bundle names a file
 * @param proxyScheme    "https" or "http": the scheme of the endpoint, which picks HTTPS_PROXY or HTTP_PROXY
 */
public record HttpSettings(Duration connectTimeout, Duration readTimeout, Optional<CaBundle> caBundle,
                           String proxyScheme) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);

    public static HttpSettings defaults(String scheme) {
        return new HttpSettings(DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT, Optional.empty(), scheme);
    }

    /**
     * A whole attempt, however slowly the bytes trickle in, ends within connect + read timeout + 2 s: the read
     * timeout alone restarts with every byte.
     */
    public Duration attemptDeadline() {
        return connectTimeout.plus(readTimeout).plusSeconds(2);
    }

    /**
     * The url-connection client with these settings. The SDK's own proxy default reads HTTP_PROXY even for https
     * endpoints and ignores HTTPS_PROXY; naming the scheme makes it follow aws-cli (HTTPS_PROXY for https, and
     * NO_PROXY).
     */
    public UrlConnectionHttpClient.Builder builder() {
        UrlConnectionHttpClient.Builder builder = UrlConnectionHttpClient.builder()
                .connectionTimeout(connectTimeout)
                .socketTimeout(readTimeout)
                .proxyConfiguration(p -> p.scheme(proxyScheme));
        caBundle.ifPresent(ca -> builder.tlsTrustManagersProvider(ca::trustManagers));
        return builder;
    }

    public SdkHttpClient client() {
        return builder().build();
    }
}
