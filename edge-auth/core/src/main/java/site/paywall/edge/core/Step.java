package site.paywall.edge.core;

/**
 * What the handler hands its runtime: the CloudFront result, or a Cognito call to perform first (then
 * {@link EdgeHandler#resume} with the same event and the answer gives the result).
 */
public sealed interface Step permits Step.Result, Step.Call {

    /** The request to forward, or a generated response: what the Lambda@Edge handler returns. */
    record Result(Json result) implements Step { }

    /** {@code call} as {@link site.paywall.edge.core.signin.CognitoCall#toJson} describes it. */
    record Call(Json call) implements Step { }
}
