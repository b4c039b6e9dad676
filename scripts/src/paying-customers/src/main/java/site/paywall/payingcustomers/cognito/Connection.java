package site.paywall.payingcustomers.cognito;

import java.net.URI;
import java.util.Optional;
import site.paywall.payingcustomers.output.Debug;

/**
 * Where, as whom and how to call AWS.
 *
 * @param endpoint     the Cognito endpoint to use instead of AWS (--endpoint-url); the SDK itself applies
 *                     AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER and AWS_ENDPOINT_URL when this is empty
 * @param stsEndpoint  where sts:GetCallerIdentity goes instead of AWS; empty lets the SDK decide
 * @param endpointName how messages name the Cognito endpoint
 */
public record Connection(String region, Optional<String> profile, Optional<URI> endpoint, Optional<URI> stsEndpoint,
                         String endpointName, HttpSettings http, Debug debug) {

    /** Just a region, profile and endpoint, with default timeouts and trust (tests and simple callers). */
    public Connection(String region, Optional<String> profile, Optional<URI> endpoint) {
        this(region, profile, endpoint, endpoint, endpoint.map(URI::toString).orElse("Cognito in " + region),
                HttpSettings.defaults(endpoint.map(URI::getScheme).orElse("https")), Debug.OFF);
    }

    public Connection withDebug(Debug other) {
        return new Connection(region, profile, endpoint, stsEndpoint, endpointName, http, other);
    }
}
