package site.paywall.payingcustomers.cognito;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClientBuilder;

/** Builds the SDK client. Credentials are resolved up front so that "no credentials" is one clear message. */
public final class CognitoClients {
    private CognitoClients() {
    }

    public static CognitoIdentityProviderClient open(Connection connection) {
        AwsCredentialsProvider credentials = connection.profile()
                .<AwsCredentialsProvider>map(p -> ProfileCredentialsProvider.builder().profileName(p).build())
                .orElseGet(() -> DefaultCredentialsProvider.builder().build());
        try {
            credentials.resolveCredentials();
        } catch (RuntimeException e) {
            // The SDK's message names the places it looked; it never contains a key.
            String where = connection.profile()
                    .map(p -> "profile '" + p + "' gave no usable credentials")
                    .orElse("no AWS credentials found (set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or pass --profile)");
            throw new CognitoFailure(FailureKind.CREDENTIALS, where + ". SDK said: " + firstSentence(e.getMessage()));
        }
        CognitoIdentityProviderClientBuilder builder = CognitoIdentityProviderClient.builder()
                .region(Region.of(connection.region()))
                .credentialsProvider(credentials)
                // url-connection-client: the JDK's HttpURLConnection, no extra jars; a CLI makes few calls, one at a time.
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(30))
                        .build())
                // RetryingCognitoPort owns retries; two layers would multiply attempts and hide them from the tests.
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
        connection.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static String firstSentence(String message) {
        if (message == null) {
            return "(no detail)";
        }
        int bracket = message.indexOf(" : [");
        return bracket > 0 ? message.substring(bracket + 3) : message;
    }
}
