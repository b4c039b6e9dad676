package site.paywall.payingcustomers.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Options every command takes, before or after the command name (as with aws-cli). Unset values may come from the
 * config file (see {@link Settings}).
 */
public final class CommonOptions {

    @Option(names = "--user-pool-id", paramLabel = "ID", scope = ScopeType.INHERIT,
            description = "Cognito user pool id, e.g. us-east-1_AbCdEf123. Default: user-pool-id from the config file.")
    String userPoolId;

    @Option(names = "--group", paramLabel = "NAME", scope = ScopeType.INHERIT,
            description = "Group that grants access (default: group from the config file, else paying-customers).")
    String group;

    @Option(names = "--region", paramLabel = "REGION", scope = ScopeType.INHERIT,
            description = "AWS region (default: region from the config file, else the pool id's prefix).")
    String region;

    @Option(names = "--profile", paramLabel = "NAME", scope = ScopeType.INHERIT,
            description = "Profile in ~/.aws/credentials or ~/.aws/config: keys, assume-role, SSO or web identity"
                    + " (default: the SDK's default credentials chain, which reads AWS_PROFILE).")
    String profile;

    @Option(names = "--endpoint-url", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "Cognito endpoint to call instead of AWS, e.g. http://127.0.0.1:5000 for moto"
                    + " (default: $AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER, then $AWS_ENDPOINT_URL, then AWS).")
    String endpointUrl;

    @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Config file (properties). Default: $PAYING_CUSTOMERS_CONFIG, else"
                    + " $HOME/.paying-customers.properties if it exists.")
    Path config;

    @Option(names = "--audit-log", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Append the audit lines (intent and outcome of every change, JSON) to FILE instead of stderr."
                    + " Only for commands that change something.")
    Path auditLog;

    @Option(names = "--max-attempts", paramLabel = "N", scope = ScopeType.INHERIT,
            description = "Attempts per call when Cognito throttles or is unavailable, with backoff (1-10, default 5)."
                    + " Three unavailable answers in a row count as an outage whatever this says.")
    Integer maxAttempts;

    @Option(names = "--cli-connect-timeout", paramLabel = "SECONDS", scope = ScopeType.INHERIT,
            description = "Longest wait to open a connection, per attempt (default 5; decimals allowed).")
    Double connectTimeout;

    @Option(names = "--cli-read-timeout", paramLabel = "SECONDS", scope = ScopeType.INHERIT,
            description = "Longest silence while waiting for an answer, per attempt (default 10; decimals allowed).")
    Double readTimeout;

    @Option(names = "--ca-bundle", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "PEM file of the CA certificates to trust instead of the JVM's (default: $AWS_CA_BUNDLE, then"
                    + " ca_bundle in the profile).")
    Path caBundle;

    @Option(names = "--json", scope = ScopeType.INHERIT,
            description = "Print the result as one JSON document on stdout (same as --output json).")
    boolean json;

    @Option(names = "--output", paramLabel = "FORMAT", scope = ScopeType.INHERIT,
            description = "json or text (default text).")
    String output;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Show on stderr what was resolved (settings, credentials) and every call made, with status"
                    + " codes, request ids and timings. Never credentials or tokens.")
    boolean debug;
}
