package site.paywall.edge.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import site.paywall.edge.core.config.ConfigParser;
import site.paywall.edge.core.config.ConfigResult;
import site.paywall.edge.core.config.EdgeConfig;
import site.paywall.edge.core.config.TokenUse;
import site.paywall.edge.core.testing.TestConfigs;
import site.paywall.edge.core.testing.TestJson;
import site.paywall.edge.core.testing.TestPlatform;
import site.paywall.edge.core.token.Identity;
import site.paywall.edge.core.token.RejectionCode;
import site.paywall.edge.core.token.TokenTimes;
import site.paywall.edge.core.token.TokenVerifier;
import site.paywall.edge.core.token.Verification;

/**
 * The decision order as one table (see the class comment of {@link Authorizer}): each row is a request that would
 * fail several checks, and the first check in the contract's order must be the one that decides. Tokens are judged by
 * a stand-in verifier here (the token checks themselves are pinned by the fixtures on three engines); this runs in
 * seconds with {@code mvn -pl edge-auth/core test}.
 */
class DecisionOrderTest {

    private static final long NOW = 1_795_780_800_000L;
    private static final String HTML = "text/html,application/xhtml+xml";

    /** Stand-in verifier: "paying" and "reader" verify (with and without the group), others are refused. */
    private static final TokenVerifier VERIFIER = (token, now) -> switch (token) {
        case "paying" -> verified(List.of("paying-customers"));
        case "reader" -> verified(List.of());
        case "expired" -> new Verification.Rejected(RejectionCode.EXPIRED, "token expired (exp)");
        default -> new Verification.Rejected(RejectionCode.BAD_SIGNATURE, "signature does not verify");
    };

    private static Verification verified(List<String> groups) {
        return new Verification.Verified(new Identity("alice", TokenUse.ID, "client-1", groups,
                new TokenTimes(NOW / 1000 + 3600, NOW / 1000 - 60, TokenTimes.NO_NOT_BEFORE), Optional.of("alice"),
                Optional.empty()));
    }

    static Stream<Arguments> table() {
        return Stream.of(
                row("the event is not an object", false, e -> e.set("Records", "x"), "deny 500", "Records"),
                row("a malformed Authorization header outranks a non-canonical path", false,
                        e -> request(e).member("headers").set("authorization", "Bearer paying"),
                        "deny 500", "authorization is not a list", "/premium/../x"),
                row("a non-canonical path outranks a valid token", false, e -> bearer(e, "paying"), "deny 400",
                        "dot segment", "/premium/../x"),
                row("no rule: 403 whatever the token", false, e -> bearer(e, "paying"), "deny 403",
                        "no rule matches", "/elsewhere"),
                row("a public path forwards even with a forged token", false, e -> bearer(e, "forged"), "forward",
                        "public path", "/index.html"),
                row("protected, no token: 401", false, e -> { }, "deny 401", "no token presented"),
                row("protected, two Authorization headers: 401", false, e -> {
                    bearer(e, "paying");
                    bearer(e, "paying");
                }, "deny 401", "several Authorization headers"),
                row("protected, a refused token: 401 with its code", false, e -> bearer(e, "forged"), "deny 401",
                        "signature does not verify"),
                row("protected, not in the group: 403", false, e -> bearer(e, "reader"), "deny 403",
                        "not a member of an allowed group"),
                row("protected, in the group: forward", false, e -> bearer(e, "paying"), "forward", "token admitted"),
                row("with sign-in, a navigation without a token goes to the hosted UI", true, e -> navigation(e),
                        "respond 302", "redirect to the hosted UI"),
                row("with sign-in, an expired cookie token goes to refresh", true, e -> {
                    navigation(e);
                    cookie(e, "id_token=expired");
                }, "respond 302", "redirect to refresh"),
                row("with sign-in, a forged cookie token goes to the hosted UI, not refresh", true, e -> {
                    navigation(e);
                    cookie(e, "id_token=forged");
                }, "respond 302", "redirect to the hosted UI"),
                row("with sign-in, a refused bearer token stays 401 (no loop)", true, e -> {
                    navigation(e);
                    bearer(e, "expired");
                }, "deny 401", "token expired"),
                row("with sign-in, a script's request stays 401", true, e -> { }, "deny 401", "no token presented"),
                row("with sign-in, not in the group stays 403", true, e -> {
                    navigation(e);
                    cookie(e, "id_token=reader");
                }, "deny 403", "not a member"),
                row("with sign-in, the prefix outranks the rules (even the public catch-all)", true,
                        e -> bearer(e, "paying"), "respond 404", "no such sign-in endpoint", "/_auth/nope"),
                row("with sign-in, a non-canonical path under the prefix is still 400", true, e -> { }, "deny 400",
                        "dot segment", "/_auth/../callback"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void theFirstCheckInTheContractsOrderDecides(String situation, boolean signIn, Consumer<TestJson> edit,
                                                  String expected, String reason, String uri) {
        TestJson config = TestConfigs.valid();
        if (uri.equals("/elsewhere")) {
            config.set("rules", TestJson.json("[{\"path\": \"/premium/*\", \"allow\": [\"paying-customers\"]}]"));
        }
        if (signIn) {
            config.set("signIn", TestJson.json("{\"domain\": \"https://shop.auth.us-east-1.amazoncognito.com\","
                    + " \"clientId\": \"client-1\"}"));
        }
        EdgeConfig parsed = ((ConfigResult.Valid) ConfigParser.parse(config)).config();
        Authorizer authorizer = new Authorizer(parsed, VERIFIER, new TestPlatform(NOW));
        TestJson event = event(uri);
        edit.accept(event);
        Decision decision = authorizer.decide(event);
        assertEquals(expected, summary(decision), situation);
        assertTrue(decision.trace().reason().contains(reason), situation + ": reason " + decision.trace().reason());
    }

    private static Arguments row(String situation, boolean signIn, Consumer<TestJson> edit, String expected,
                                 String reason) {
        return row(situation, signIn, edit, expected, reason, "/premium/report.pdf");
    }

    private static Arguments row(String situation, boolean signIn, Consumer<TestJson> edit, String expected,
                                 String reason, String uri) {
        return Arguments.of(situation, signIn, edit, expected, reason, uri);
    }

    private static String summary(Decision decision) {
        if (decision instanceof Decision.Deny deny) {
            return "deny " + deny.denial().status();
        }
        if (decision instanceof Decision.Respond respond) {
            return "respond " + respond.response().status();
        }
        return decision instanceof Decision.Forward ? "forward" : "needs a call";
    }

    private static TestJson event(String uri) {
        return TestJson.json("""
                {"Records": [{"cf": {"config": {"distributionDomainName": "d1.cloudfront.net", "distributionId": "E1",
                  "eventType": "viewer-request", "requestId": "r-1"},
                  "request": {"clientIp": "203.0.113.9", "method": "GET", "querystring": "", "uri": "%s",
                   "headers": {"host": [{"key": "Host", "value": "d1.cloudfront.net"}]}}}}]}""".formatted(uri));
    }

    private static TestJson request(TestJson event) {
        return event.member("Records").element(0).member("cf").member("request");
    }

    private static void header(TestJson event, String name, String value) {
        TestJson headers = request(event).member("headers");
        if (headers.get(name.toLowerCase()).isEmpty()) {
            headers.set(name.toLowerCase(), TestJson.array());
        }
        headers.member(name.toLowerCase()).append(TestJson.object().set("key", name).set("value", value));
    }

    private static void bearer(TestJson event, String token) {
        header(event, "Authorization", "Bearer " + token);
    }

    private static void cookie(TestJson event, String pairs) {
        header(event, "Cookie", pairs);
    }

    private static void navigation(TestJson event) {
        header(event, "Accept", HTML);
        header(event, "Sec-Fetch-Mode", "navigate");
        header(event, "Sec-Fetch-Dest", "document");
    }
}
