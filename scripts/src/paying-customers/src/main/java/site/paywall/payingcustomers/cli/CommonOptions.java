package site.paywall.payingcustomers.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command takes. Unset values may come from the config file (see {@link Settings}). */
public final class CommonOptions {

    @Option(names = "--user-pool-id", paramLabel = "ID",
            description = "Cognito user pool id, e.g. us-east-1_AbCdEf123. Default: user-pool-id from the config file.")
    String userPoolId;

    @Option(names = "--group", paramLabel = "NAME",
            description = "Group that grants access (default: group from the config file, else paying-customers).")
    String group;

    @Option(names = "--region", paramLabel = "REGION",
            description = "AWS region (default: region from the config file, else the pool id's prefix).")
    String region;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "Profile in ~/.aws/credentials or ~/.aws/config (default: the SDK's default credentials chain).")
    String profile;

    @Option(names = "--endpoint-url", paramLabel = "URL",
            description = "Cognito endpoint to call instead of AWS, e.g. http://127.0.0.1:5000 for moto.")
    String endpointUrl;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Config file (properties). Default: $PAYING_CUSTOMERS_CONFIG, else ~/.paying-customers.properties if it exists.")
    Path config;

    @Option(names = "--audit-log", paramLabel = "FILE",
            description = "Append the audit lines (one JSON line per change) to FILE instead of stderr.")
    Path auditLog;

    @Option(names = "--max-attempts", paramLabel = "N",
            description = "Attempts per call when Cognito throttles or is unavailable, with backoff (1-10, default 5).")
    Integer maxAttempts;

    @Option(names = "--json", description = "Print the result as one JSON document on stdout.")
    boolean json;
}
