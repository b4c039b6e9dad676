package site.paywall.payingcustomers.cli;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import site.paywall.payingcustomers.cognito.CaBundle;
import site.paywall.payingcustomers.cognito.Connection;
import site.paywall.payingcustomers.cognito.HttpSettings;
import site.paywall.payingcustomers.cognito.RetryPolicy;
import site.paywall.payingcustomers.output.Debug;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * Everything a command needs to know, resolved once: command-line options win over the config file, the config
 * file over built-in defaults. The config file is a properties file with the keys in {@link #CONFIG_KEYS}.
 *
 * <p>Environment variables that count: PAYING_CUSTOMERS_CONFIG, HOME (where the config file and ~/.aws are),
 * AWS_CA_BUNDLE, and for naming the endpoint in messages AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER and
 * AWS_ENDPOINT_URL (the SDK applies those itself), AWS_ENDPOINT_URL_STS.
 */
public record Settings(String poolId, String group, Connection connection, Optional<Path> auditLog,
                       int maxAttempts, boolean json, boolean debug, Optional<String> configFile) {

    public static final String DEFAULT_GROUP = "paying-customers";
    public static final String CONFIG_ENV = "PAYING_CUSTOMERS_CONFIG";
    public static final String DEFAULT_CONFIG_NAME = ".paying-customers.properties";
    static final Set<String> CONFIG_KEYS =
            Set.of("user-pool-id", "group", "region", "profile", "endpoint-url", "audit-log");

    // Cognito's own patterns (API reference: UserPoolId, GroupName).
    private static final Pattern POOL_ID = Pattern.compile("([\\w-]+)_[0-9a-zA-Z]+");
    private static final Pattern GROUP = Pattern.compile("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]{1,128}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");

    static Settings resolve(CommonOptions o, Map<String, String> env, Path home) {
        Optional<Path> configPath = configPath(o.config, env, home);
        Map<String, String> file = configPath.map(p -> loadConfig(p, o.config != null || fromEnv(env)))
                .orElse(Map.of());
        String poolId = first(o.userPoolId, file.get("user-pool-id")).orElseThrow(() -> new UsageException(
                "no user pool id: pass --user-pool-id ID, or set user-pool-id in the config file (--config FILE, $"
                        + CONFIG_ENV + " or ~/" + DEFAULT_CONFIG_NAME + ")"));
        var pool = POOL_ID.matcher(poolId);
        if (poolId.length() > 55 || !pool.matches()) {
            throw new UsageException("'" + poolId
                    + "' is not a user pool id (expected REGION_ID, e.g. us-east-1_AbCdEf123)");
        }
        String poolRegion = pool.group(1);
        String group = first(o.group, file.get("group")).orElse(DEFAULT_GROUP);
        if (!GROUP.matcher(group).matches()) {
            throw new UsageException("'" + group + "' is not a Cognito group name (1-128 characters, no whitespace)");
        }
        String region = first(o.region, file.get("region")).orElse(poolRegion);
        boolean endpointGiven = o.endpointUrl != null || file.containsKey("endpoint-url")
                || env.containsKey("AWS_ENDPOINT_URL") || env.containsKey("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER");
        // An emulator's pool (cognito-local: local_xxxxxxxx) is only meaningful at its own endpoint.
        boolean emulatorRegion = endpointGiven && region.matches("[a-z][a-z0-9-]{0,31}");
        if (!REGION.matcher(region).matches() && !emulatorRegion) {
            throw new UsageException("'" + region + "' is not an AWS region (e.g. us-east-1)");
        }
        if (!region.equals(poolRegion)) {
            throw new UsageException("region " + region + " does not match the pool id " + poolId
                    + ", which lives in " + poolRegion + "; drop --region or fix it");
        }
        Optional<String> profile = first(o.profile, file.get("profile"));
        Optional<URI> endpoint = first(o.endpointUrl, file.get("endpoint-url")).map(Settings::endpoint);
        Optional<Path> auditLog = Optional.ofNullable(o.auditLog)
                .or(() -> Optional.ofNullable(file.get("audit-log")).map(Path::of));
        int maxAttempts = o.maxAttempts == null ? RetryPolicy.DEFAULT_MAX_ATTEMPTS : o.maxAttempts;
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new UsageException("--max-attempts must be between 1 and 10, not " + maxAttempts);
        }
        boolean json = o.json;
        if (o.output != null) {
            switch (o.output.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "json" -> json = true;
                case "text" -> {
                    if (o.json) {
                        throw new UsageException("--json and --output text contradict each other; keep one");
                    }
                }
                default -> throw new UsageException("--output must be json or text, not '" + o.output
                        + "' (aws-cli's table and yaml are not supported)");
            }
        }
        Optional<URI> envEndpoint = envUrl(env, "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER")
                .or(() -> envUrl(env, "AWS_ENDPOINT_URL"));
        String endpointName = endpoint.map(u -> u + " (--endpoint-url)")
                .or(() -> envUrl(env, "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER")
                        .map(u -> u + " (AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER)"))
                .or(() -> envUrl(env, "AWS_ENDPOINT_URL").map(u -> u + " (AWS_ENDPOINT_URL)"))
                .orElse("https://cognito-idp." + region + ".amazonaws.com");
        // --endpoint-url (moto, a local stand-in) also serves sts:GetCallerIdentity, unless STS has its own setting.
        boolean stsFromEnv = envUrl(env, "AWS_ENDPOINT_URL_STS").isPresent()
                || envUrl(env, "AWS_ENDPOINT_URL").isPresent();
        Optional<URI> stsEndpoint = stsFromEnv ? Optional.empty() : endpoint;
        String scheme = endpoint.or(() -> envEndpoint).map(URI::getScheme).orElse("https");
        HttpSettings http = new HttpSettings(timeout("--cli-connect-timeout", o.connectTimeout,
                HttpSettings.DEFAULT_CONNECT_TIMEOUT), timeout("--cli-read-timeout", o.readTimeout,
                HttpSettings.DEFAULT_READ_TIMEOUT), caBundle(o.caBundle, env, profile), scheme);
        Connection connection = new Connection(region, profile, endpoint, stsEndpoint, endpointName, http, Debug.OFF);
        return new Settings(poolId, group, connection, auditLog, maxAttempts, json, o.debug,
                configPath.filter(Files::exists).map(Path::toString));
    }

    private static Duration timeout(String option, Double seconds, Duration byDefault) {
        if (seconds == null) {
            return byDefault;
        }
        if (seconds.isNaN() || seconds <= 0 || seconds > 600) {
            throw new UsageException(option + " must be more than 0 and at most 600 seconds, not " + seconds
                    + (seconds == 0 ? " (0 would wait forever on a hanging endpoint)" : ""));
        }
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    /** aws-cli's order: --ca-bundle, then AWS_CA_BUNDLE, then ca_bundle in the profile's section of ~/.aws/config. */
    private static Optional<CaBundle> caBundle(Path option, Map<String, String> env, Optional<String> profile) {
        Optional<String> where;
        Optional<Path> path;
        if (option != null) {
            where = Optional.of("--ca-bundle");
            path = Optional.of(option);
        } else if (env.get("AWS_CA_BUNDLE") != null && !env.get("AWS_CA_BUNDLE").isBlank()) {
            where = Optional.of("AWS_CA_BUNDLE");
            path = Optional.of(Path.of(env.get("AWS_CA_BUNDLE").strip()));
        } else {
            String name = profile.orElse(Optional.ofNullable(env.get("AWS_PROFILE")).filter(p -> !p.isBlank())
                    .orElse("default"));
            path = profileCaBundle(name);
            where = path.map(p -> "ca_bundle of profile '" + name + "'");
        }
        if (path.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(CaBundle.load(path.get()));
        } catch (IllegalArgumentException e) {
            throw new UsageException(where.orElse("CA bundle") + ": " + e.getMessage());
        }
    }

    private static Optional<Path> profileCaBundle(String profile) {
        try {
            return ProfileFile.defaultProfileFile().profile(profile).flatMap(p -> p.property("ca_bundle"))
                    .filter(v -> !v.isBlank()).map(v -> Path.of(v.strip()));
        } catch (RuntimeException unreadable) {
            // A broken ~/.aws/config is reported by the credentials step, where it matters.
            return Optional.empty();
        }
    }

    private static Optional<URI> envUrl(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new URI(value.strip()));
        } catch (URISyntaxException e) {
            throw new UsageException(name + " is not a URL: " + e.getMessage());
        }
    }

    private static URI endpoint(String text) {
        try {
            URI uri = new URI(text);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new UsageException("--endpoint-url must be an http(s) URL with a host, e.g. http://127.0.0.1:5000");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new UsageException("--endpoint-url is not a URL: " + e.getMessage());
        }
    }

    private static Optional<String> first(String option, String fromFile) {
        if (option != null) {
            return Optional.of(option.strip()).filter(s -> !s.isEmpty());
        }
        return Optional.ofNullable(fromFile).map(String::strip).filter(s -> !s.isEmpty());
    }

    private static boolean fromEnv(Map<String, String> env) {
        return env.get(CONFIG_ENV) != null && !env.get(CONFIG_ENV).isBlank();
    }

    private static Optional<Path> configPath(Path explicit, Map<String, String> env, Path home) {
        if (explicit != null) {
            return Optional.of(explicit);
        }
        if (fromEnv(env)) {
            return Optional.of(Path.of(env.get(CONFIG_ENV)));
        }
        return Optional.of(home.resolve(DEFAULT_CONFIG_NAME));
    }

    private static Map<String, String> loadConfig(Path path, boolean required) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (NoSuchFileException e) {
            if (required) {
                throw new UsageException("config file " + path + " does not exist");
            }
            return Map.of();
        } catch (IOException | IllegalArgumentException e) {
            throw new UsageException("cannot read config file " + path + ": " + e.getMessage());
        }
        Set<String> unknown = new TreeSet<>(props.stringPropertyNames());
        unknown.removeAll(CONFIG_KEYS);
        if (!unknown.isEmpty()) {
            throw new UsageException("config file " + path + " has unknown keys " + unknown + "; known keys are "
                    + new TreeSet<>(CONFIG_KEYS));
        }
        Map<String, String> values = new java.util.HashMap<>();
        props.stringPropertyNames().forEach(k -> values.put(k, props.getProperty(k)));
        return values;
    }
}
