package site.paywall.payingcustomers.cognito;

import java.net.URI;
import java.util.Optional;

/** Where and as whom to call Cognito. */
public record Connection(String region, Optional<String> profile, Optional<URI> endpoint) {
}
