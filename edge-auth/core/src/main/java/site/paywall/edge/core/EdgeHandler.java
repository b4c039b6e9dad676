package site.paywall.edge.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import site.paywall.edge.core.config.BundledConfig;
import site.paywall.edge.core.config.ConfigParser;
import site.paywall.edge.core.config.ConfigResult;
import site.paywall.edge.core.config.DecisionLogLevel;
import site.paywall.edge.core.config.EdgeConfig;
import site.paywall.edge.core.response.CloudFrontResult;
import site.paywall.edge.core.response.ErrorPages;
import site.paywall.edge.core.signin.CallAnswer;
import site.paywall.edge.core.token.CognitoTokenVerifier;
import site.paywall.edge.core.token.KeyRing;
import site.paywall.edge.core.token.TokenVerifier;
import site.paywall.edge.core.token.VerifiedTokenCache;

/**
 * The viewer-request handler both runtimes wrap: decide, log, render. It fails closed — a configuration that does
 * not validate, or anything thrown while handling, answers 500 and never forwards.
 */
public final class EdgeHandler {

    private final Platform platform;
    private final Optional<Authorizer> authorizer;
    private final DecisionLog log;
    private final CloudFrontResult results;
    private final String configProblems;

    private EdgeHandler(Platform platform, Optional<Authorizer> authorizer, DecisionLog log, CloudFrontResult results,
                        String configProblems) {
        this.platform = platform;
        this.authorizer = authorizer;
        this.log = log;
        this.results = results;
        this.configProblems = configProblems;
    }

    /**
     * The edge's own handler on a source config, validated in full ({@link ConfigParser}): the core's own verifier,
     * behind the verified-token cache unless its size is 0. For the JVM's tools and tests.
     */
    public static EdgeHandler start(Platform platform, Json configJson) {
        return start(platform, ConfigParser.parse(configJson));
    }

    /**
     * The same handler on the config edge-bundle baked into the bundle, read with structural checks only
     * ({@link BundledConfig#read}): what the edge runs at cold start, so that the validation code does not.
     */
    public static EdgeHandler startBundled(Platform platform, Json bundledJson) {
        return start(platform, BundledConfig.read(bundledJson));
    }

    private static EdgeHandler start(Platform platform, ConfigResult parsed) {
        if (parsed instanceof ConfigResult.Invalid invalid) {
            return misconfigured(platform, invalid.problems());
        }
        EdgeConfig config = ((ConfigResult.Valid) parsed).config();
        List<String> problems = new ArrayList<>();
        KeyRing keys = KeyRing.importKeys(platform, config.signingKeys(), problems);
        if (!problems.isEmpty()) {
            return misconfigured(platform, problems);
        }
        TokenVerifier verifier = new CognitoTokenVerifier(platform, config, keys);
        if (config.tokenCacheSize() > 0) {
            verifier = new VerifiedTokenCache(verifier, config.tokenCacheSize(), config.clockSkewSeconds());
        }
        return withVerifier(platform, config, verifier);
    }

    /** A handler over a given verifier (the JVM reference passes its nimbus-jose-jwt one). */
    public static EdgeHandler withVerifier(Platform platform, EdgeConfig config, TokenVerifier verifier) {
        return new EdgeHandler(platform, Optional.of(new Authorizer(config, verifier, platform)),
                new DecisionLog(platform, config.decisionLog(), config.decisionLogDenialsPerSecond()),
                new CloudFrontResult(platform, config.tokenCookies(), config.folderIndex(),
                        new ErrorPages(config.errorPageHtml())), "");
    }

    private static EdgeHandler misconfigured(Platform platform, List<String> problems) {
        String summary = String.join("; ", problems);
        platform.log("{\"error\":\"invalid edge-auth configuration: every request is denied\",\"problems\":"
                + platform.stringify(platform.string(summary)) + "}");
        return new EdgeHandler(platform, Optional.empty(), new DecisionLog(platform, DecisionLogLevel.ALL,
                EdgeConfig.DEFAULT_DECISION_LOG_DENIALS_PER_SECOND),
                new CloudFrontResult(platform, List.of(), Optional.empty(), new ErrorPages(Map.of())), summary);
    }

    /**
     * The first pass over an event: the result for CloudFront, or the Cognito call a sign-in step needs first.
     * Whatever the event, it never forwards on a failure: anything thrown while deciding or rendering answers 500.
     * Only when the platform cannot build even that answer does the failure propagate — to the runtime adapter,
     * which answers 500 itself (index.js).
     */
    public Step handle(Json event) {
        return step(event, Optional.empty());
    }

    /**
     * The second pass, after the runtime performed the call {@link #handle} asked for: the same event and the
     * adapter's answer ({@code {"status", "body"}} or {@code {"failure"}}) give the result. It is never another call.
     */
    public Json resume(Json event, Json answer) {
        Step step = step(event, Optional.of(answer));
        if (step instanceof Step.Result result) {
            return result.result();
        }
        platform.log("{\"decision\":\"deny\",\"status\":500,\"reason\":\"internal error: a resumed step asked"
                + " for another call\"}");
        return results.response(Denial.INTERNAL_ERROR, false);
    }

    private Step step(Json event, Optional<Json> answer) {
        try {
            Decision decision = authorizer.isPresent()
                    ? authorizer.get().decide(event, answer.isPresent() ? Optional.of(CallAnswer.read(answer.get()))
                            : Optional.empty())
                    : new Decision.Deny(Denial.INTERNAL_ERROR, Trace.of("", "", "invalid configuration: "
                            + configProblems), false);
            if (decision instanceof Decision.NeedsCall needsCall) {
                return new Step.Call(needsCall.call().toJson(platform));
            }
            log.record(decision);
            return new Step.Result(results.render(decision));
        } catch (RuntimeException | Error failure) {
            // The exception's message could quote input; log only its type.
            platform.log("{\"decision\":\"deny\",\"status\":500,\"reason\":\"internal error: "
                    + failure.getClass().getSimpleName() + "\"}");
            return new Step.Result(results.response(Denial.INTERNAL_ERROR, false));
        }
    }
}
