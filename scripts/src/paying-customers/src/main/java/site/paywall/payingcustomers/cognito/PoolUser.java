package site.paywall.payingcustomers.cognito;

import java.time.Instant;
import java.util.Optional;

/** A user of the pool as ListUsers / ListUsersInGroup describe it. */
public record PoolUser(String username, Optional<String> email, String status, boolean enabled,
                       Optional<Instant> created) {
}
