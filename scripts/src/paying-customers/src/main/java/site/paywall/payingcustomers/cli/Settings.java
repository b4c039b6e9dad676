package site.paywall.payingcustomers.cli;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import site.paywall.payingcustomers.cognito.Connection;
import site.paywall.payingcustomers.cognito.RetryPolicy;

/**
 * Everything a command needs to know, resolved once: command-line options win over the config file, the config
 * file over built-in defaults. The config file is a properties file with the keys in {@link #CONFIG_KEYS}.
 */
public record Settings(String poolId, String group, Connection connection, Optional<Path> auditLog,
                       int maxAttempts, boolean json) {

    public static final String DEFAULT_GROUP = "paying-customers";
    public static final String CONFIG_ENV = "PAYING_CUSTOMERS_CONFIG";
    public static final String DEFAULT_CONFIG_NAME = ".paying-customers.properties";
    static final Set<String> CONFIG_KEYS = Set.of("user-pool-id", "group", "region", "profile", "endpoint-url", "audit-log");

    // Cognito's own patterns (API reference: UserPoolId, GroupName).
    private static final Pattern POOL_ID = Pattern.compile("([\\w-]+)_[0-9a-zA-Z]+");
    private static final Pattern GROUP = Pattern.compile("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]{1,128}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");

    static Settings resolve(CommonOptions o, Map<String, String> env, Path home) {
        Map<String, String> file = loadConfig(o.config, env, home);
        String poolId = first(o.userPoolId, file.get("user-pool-id")).orElseThrow(() -> new UsageException(
                "no user pool id: pass --user-pool-id ID, or set user-pool-id in the config file (--config FILE, $"
                        + CONFIG_ENV + " or ~/" + DEFAULT_CONFIG_NAME + ")"));
        var pool = POOL_ID.matcher(poolId);
        if (poolId.length() > 55 || !pool.matches()) {
            throw new UsageException("'" + poolId + "' is not a user pool id (expected REGION_ID, e.g. us-east-1_AbCdEf123)");
        }
        String poolRegion = pool.group(1);
        String group = first(o.group, file.get("group")).orElse(DEFAULT_GROUP);
        if (!GROUP.matcher(group).matches()) {
            throw new UsageException("'" + group + "' is not a Cognito group name (1-128 characters, no whitespace)");
        }
        String region = first(o.region, file.get("region")).orElse(poolRegion);
        if (!REGION.matcher(region).matches()) {
            throw new UsageException("'" + region + "' is not an AWS region (e.g. us-east-1)");
        }
        if (!region.equals(poolRegion)) {
            throw new UsageException("region " + region + " does not match the pool id " + poolId
                    + ", which lives in " + poolRegion + "; drop --region or fix it");
        }
        Optional<String> profile = first(o.profile, file.get("profile"));
        Optional<URI> endpoint = first(o.endpointUrl, file.get("endpoint-url")).map(Settings::endpoint);
        Optional<Path> auditLog = Optional.ofNullable(o.auditLog).or(() -> Optional.ofNullable(file.get("audit-log")).map(Path::of));
        int maxAttempts = o.maxAttempts == null ? RetryPolicy.DEFAULT_MAX_ATTEMPTS : o.maxAttempts;
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new UsageException("--max-attempts must be between 1 and 10, not " + maxAttempts);
        }
        return new Settings(poolId, group, new Connection(region, profile, endpoint), auditLog, maxAttempts, o.json);
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

    private static Map<String, String> loadConfig(Path explicit, Map<String, String> env, Path home) {
        Path path;
        boolean required;
        if (explicit != null) {
            path = explicit;
            required = true;
        } else if (env.get(CONFIG_ENV) != null && !env.get(CONFIG_ENV).isBlank()) {
            path = Path.of(env.get(CONFIG_ENV));
            required = true;
        } else {
            path = home.resolve(DEFAULT_CONFIG_NAME);
            required = false;
        }
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
