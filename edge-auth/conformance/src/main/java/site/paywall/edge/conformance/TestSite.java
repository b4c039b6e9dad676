package site.paywall.edge.conformance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import site.paywall.edge.jvm.JvmPlatform;

/**
 * The site every conformance test runs against: one pool, one app client, both token uses, 60 s of skew, and the
 * three kinds of rule (paying customers, signed-in, public) plus a path no rule covers.
 */
public final class TestSite {

    public static final String REGION = "us-east-1";
    public static final String USER_POOL_ID = "us-east-1_TestPool1";
    public static final String CLIENT_ID = "3n4b5urk1ft4fl3mg5e62d9ado";
    public static final String OTHER_CLIENT_ID = "7qo0ttm3dv4q2k0n1r1sfhf1bs";
    public static final String PAYING_GROUP = "paying-customers";
    public static final int CLOCK_SKEW_SECONDS = 60;
    /** The hosted-UI domain of the sign-in variant of the site. */
    public static final String SIGN_IN_DOMAIN = "https://paywall-test.auth.us-east-1.amazoncognito.com";
    /** 2026-11-27T12:00:00Z: the pinned clock of the fixtures. */
    public static final long FIXTURE_NOW_SECONDS = 1_795_780_800L;

    private final TestKeys keys;

    public TestSite(TestKeys keys) {
        this.keys = keys;
    }

    public String issuer() {
        return "https://cognito-idp." + REGION + ".amazonaws.com/" + USER_POOL_ID;
    }

    public String clientId() {
        return CLIENT_ID;
    }

    public TestKeys keys() {
        return keys;
    }

    /** The resolved config (JWKS inline), as scripts/edge-bundle would bake it. */
    public ObjectNode config() {
        ObjectNode config = JvmPlatform.STRICT_JSON.createObjectNode();
        config.put("region", REGION);
        config.put("userPoolId", USER_POOL_ID);
        config.putArray("clientIds").add(CLIENT_ID);
        config.putArray("tokenUse").add("id").add("access");
        config.put("clockSkewSeconds", CLOCK_SKEW_SECONDS);
        config.set("jwks", keys.jwks());
        ArrayNode rules = config.putArray("rules");
        rules.addObject().put("path", "/premium/*").putArray("allow").add(PAYING_GROUP);
        rules.addObject().put("path", "/downloads/*.pdf").putArray("allow").add(PAYING_GROUP).add("staff");
        // Paid pages by extension: the folder /reports/ is forwarded as /reports/index.html, and judged as it.
        rules.addObject().put("path", "/reports/*.html").putArray("allow").add(PAYING_GROUP);
        rules.addObject().put("path", "/account/*").put("allow", "signed-in");
        rules.addObject().put("path", "/internal/*").putArray("allow").add("staff");
        rules.addObject().put("path", "/*.html").put("allow", "public");
        rules.addObject().put("path", "/assets/*").put("allow", "public");
        rules.addObject().put("path", "/").put("allow", "public");
        // Every decision logged (the default logs denials only), so that every case's log line is compared too.
        config.put("decisionLog", "all");
        // And none held back: fixtures and fuzz cases run thousands of denials at one pinned clock second.
        config.put("decisionLogDenialsPerSecond", 1_000_000);
        return config;
    }

    /** The same site with sign-in at the edge (signIn: this domain and client, every other setting default). */
    public ObjectNode signInConfig() {
        ObjectNode config = config();
        config.putObject("signIn").put("domain", SIGN_IN_DOMAIN).put("clientId", CLIENT_ID);
        return config;
    }
}
