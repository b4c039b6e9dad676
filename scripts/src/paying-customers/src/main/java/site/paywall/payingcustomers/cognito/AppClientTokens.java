package site.paywall.payingcustomers.cognito;

import java.time.Duration;

/** How long an app client's ID and access tokens live (Cognito's default of one hour when unset). */
public record AppClientTokens(String clientName, Duration idToken, Duration accessToken) {
    public Duration longest() {
        return idToken.compareTo(accessToken) >= 0 ? idToken : accessToken;
    }
}
