package site.paywall.edge.core.token;

import java.util.List;
import java.util.Optional;
import site.paywall.edge.core.config.TokenUse;

/**
 * Who a verified token speaks for: its subject, kind, the app client it was issued to ({@code aud} of an ID token,
 * {@code client_id} of an access token), {@code cognito:groups}, validity window, and — for the "who am I" answer —
 * the user name ({@code cognito:username} / {@code username}) and {@code email} when the token carries them as
 * strings.
 */
public record Identity(String sub, TokenUse tokenUse, String clientId, List<String> groups, TokenTimes times,
                       Optional<String> username, Optional<String> email) { }
