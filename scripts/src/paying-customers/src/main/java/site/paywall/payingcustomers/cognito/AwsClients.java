package site.paywall.payingcustomers.cognito;

import java.util.Map;
import java.util.Optional;
import site.paywall.payingcustomers.output.Debug;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClientBuilder;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;

/**
 * Builds the SDK clients for a run. Credentials are resolved up front so that "no credentials" is one clear
 * message; the SDK's list of every place it looked is shown only with --debug.
 */
public final class AwsClients {
    private AwsClients() {
    }

    public static SdkCognitoPort open(Connection connection, String poolId, Map<String, String> env) {
        Debug debug = connection.debug();
        ToolHttpService.use(connection.http());
        useRegionForProfileClients(connection.region(), env);
        AwsCredentialsProvider credentials = connection.profile()
                .<AwsCredentialsProvider>map(p -> ProfileCredentialsProvider.builder().profileName(p).build())
                .orElseGet(() -> DefaultCredentialsProvider.builder().build());
        try {
            credentials.resolveCredentials();
            debug.log("credentials: " + connection.profile().map(p -> "profile '" + p + "'")
                    .orElse("the SDK's default chain (environment, AWS_PROFILE or default profile, SSO, web identity,"
                            + " container, instance)"));
        } catch (RuntimeException e) {
            debug.log("credentials: the SDK said: " + e.getMessage());
            if (UntrustedCertificate.causes(e)) {
                throw new CognitoFailure(FailureKind.UNTRUSTED_CERTIFICATE, "the TLS certificate of the endpoint that "
                        + connection.profile().map(p -> "profile '" + p + "'").orElse("the SDK's credential chain")
                        + " gets credentials from (STS or SSO) is not trusted (" + UntrustedCertificate.reason(e)
                        + "). " + UntrustedCertificate.ADVICE);
            }
            throw new CognitoFailure(FailureKind.CREDENTIALS, credentialsProblem(connection.profile(), e));
        }
        ClientOverrideConfiguration overrides = ClientOverrideConfiguration.builder()
                // RetryingCognitoPort owns retries; two layers would multiply attempts and hide them from the tests.
                .retryStrategy(AwsRetryStrategy.doNotRetry())
                .apiCallAttemptTimeout(connection.http().attemptDeadline())
                .addExecutionInterceptor(new DebugInterceptor(debug))
                .build();
        CognitoIdentityProviderClientBuilder cognito = CognitoIdentityProviderClient.builder()
                .region(Region.of(connection.region()))
                .credentialsProvider(credentials)
                // url-connection-client: the JDK's HttpURLConnection, no extra jars; a CLI makes few calls, one at a
                // time.
                .httpClient(connection.http().client())
                .overrideConfiguration(overrides);
        connection.endpoint().ifPresent(cognito::endpointOverride);
        StsClientBuilder sts = StsClient.builder()
                .region(Region.of(connection.region()))
                .credentialsProvider(credentials)
                .httpClient(connection.http().client())
                .overrideConfiguration(overrides);
        connection.stsEndpoint().ifPresent(sts::endpointOverride);
        return new SdkCognitoPort(cognito.build(), Optional.of(sts.build()), poolId, connection.endpointName());
    }

    /**
     * The STS client behind an assume-role profile takes its region from the profile or the default region chain,
     * and without one it falls back to the global endpoint and ignores AWS_ENDPOINT_URL_STS. The pool id names
     * the region of this run, so it fills that gap (an explicit region anywhere still wins).
     */
    private static void useRegionForProfileClients(String region, Map<String, String> env) {
        boolean regionSet = System.getProperty("aws.region") != null
                || env.get("AWS_REGION") != null || env.get("AWS_DEFAULT_REGION") != null;
        if (!regionSet) {
            System.setProperty("aws.region", region);
        }
    }

    /** The first sentence is ours and says what to do; the SDK's dump of every provider it tried stays in --debug. */
    static String credentialsProblem(Optional<String> profile, RuntimeException e) {
        String sdk = String.valueOf(e.getMessage());
        String sso = profile.isPresent() && sdk.toLowerCase(java.util.Locale.ROOT).contains("sso")
                ? " For an SSO profile, sign in first: aws sso login --profile " + profile.get() + "." : "";
        if (profile.isPresent()) {
            return "profile '" + profile.get() + "' gave no usable credentials (" + shortReason(sdk) + ")." + sso
                    + " --debug shows the SDK's whole answer";
        }
        return "no AWS credentials found (set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or pass --profile)." + sso
                + " --debug shows every place the SDK looked";
    }

    /** The SDK's own first clause, without the profile-file or provider-chain dump that follows it. */
    private static String shortReason(String message) {
        String reason = message;
        for (String cut : new String[] {": ProfileFile(", " : [", "ProfileFile("}) {
            int at = reason.indexOf(cut);
            if (at > 0) {
                reason = reason.substring(0, at);
            }
        }
        return reason.length() > 200 ? reason.substring(0, 200) + "..." : reason;
    }

    /** --debug: one line per HTTP attempt; never headers (they carry the signature) or bodies. */
    private static final class DebugInterceptor implements ExecutionInterceptor {
        private final Debug debug;

        DebugInterceptor(Debug debug) {
            this.debug = debug;
        }

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            if (debug.on()) {
                debug.log("-> " + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME) + " "
                        + context.httpRequest().method() + " " + context.httpRequest().getUri());
            }
        }

        @Override
        public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
            if (debug.on()) {
                debug.log("<- " + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME) + " HTTP "
                        + context.httpResponse().statusCode() + " request id "
                        + context.httpResponse().firstMatchingHeader("x-amzn-RequestId").orElse("-"));
            }
        }

        @Override
        public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
            if (debug.on()) {
                StringBuilder chain = new StringBuilder();
                for (Throwable t = context.exception(); t != null; t = t.getCause() == t ? null : t.getCause()) {
                    chain.append(chain.length() == 0 ? "" : " / caused by ").append(t.getClass().getName()).append(": ")
                            .append(t.getMessage());
                }
                debug.log("!! " + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME) + ": " + chain);
            }
        }
    }
}
