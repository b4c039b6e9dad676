package site.paywall.edge.core.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The authorizer's configuration as baked into the bundle ({@code config.json}), validated. See README,
 * "Configuration", for the file format.
 *
 * @param errorPageHtml HTML bodies by status (400, 401, 403, 500) replacing the built-in pages for browsers
 * @param signIn        the hosted-UI sign-in at the edge; absent: protected paths answer 401 as an API would
 * @param folderIndex   the file a forwarded path ending in "/" is rewritten to (index.html); absent: no rewrite
 * @param decisionLogDenialsPerSecond lines per second for requests the edge answers itself; the rest are counted
 */
public record EdgeConfig(
        String region,
        String userPoolId,
        String issuer,
        List<String> clientIds,
        List<TokenUse> tokenUses,
        int clockSkewSeconds,
        List<SigningKey> signingKeys,
        AccessRules rules,
        List<String> tokenCookies,
        Map<Integer, String> errorPageHtml,
        int tokenCacheSize,
        DecisionLogLevel decisionLog,
        int decisionLogDenialsPerSecond,
        Optional<SignInConfig> signIn,
        Optional<String> folderIndex) {

    public static final List<String> DEFAULT_TOKEN_COOKIES = List.of("id_token", "access_token");
    public static final int DEFAULT_CLOCK_SKEW_SECONDS = 60;
    public static final int MAX_CLOCK_SKEW_SECONDS = 300;
    public static final int DEFAULT_TOKEN_CACHE_SIZE = 512;
    public static final int MAX_TOKEN_CACHE_SIZE = 10_000;
    /** Lines per clock second, per instance, for requests the edge answers itself; the rest are counted. */
    public static final int DEFAULT_DECISION_LOG_DENIALS_PER_SECOND = 100;
    public static final int MAX_DECISION_LOG_DENIALS_PER_SECOND = 1_000_000;
    /** Bytes of UTF-8; leaves room for headers under Lambda@Edge's 40 KB generated-response limit. */
    public static final int MAX_ERROR_PAGE_BYTES = 32 * 1024;
    /** The config's own keys: what the core reads (the bundler's keys and {@code $comment} aside). */
    public static final List<String> KEYS = List.of("region", "userPoolId", "issuer", "clientIds", "tokenUse",
            "clockSkewSeconds", "jwks", "rules", "tokenCookies", "errorPageHtml", "tokenCacheSize", "decisionLog",
            "decisionLogDenialsPerSecond", "signIn", "folderIndex");
    /** The statuses an {@code errorPageHtml} page can replace. */
    public static final List<Integer> PAGE_STATUSES = List.of(400, 401, 403, 500);

    /** The status a key of {@code errorPageHtml} names ("401" → 401); empty when no page exists for it. */
    public static Optional<Integer> pageStatus(String key) {
        for (Integer status : PAGE_STATUSES) {
            if (String.valueOf(status).equals(key)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }

    public static String cognitoIssuer(String region, String userPoolId) {
        return "https://cognito-idp." + region + ".amazonaws.com/" + userPoolId;
    }
}
