package site.paywall.payingcustomers.cognito;

/** A Cognito group as GetGroup describes it; the description is "" when unset. */
public record GroupInfo(String name, String description) {
}
