package site.paywall.payingcustomers.membership;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import site.paywall.payingcustomers.cognito.CognitoFailure;
import site.paywall.payingcustomers.cognito.CognitoPort;
import site.paywall.payingcustomers.cognito.FailureKind;
import site.paywall.payingcustomers.cognito.PoolUser;

/**
 * Turns what the admin typed into exactly one pool user. The text is tried as a username and, when it contains
 * an {@code @}, as an email; if those name different users, or the email is shared, it is ambiguous.
 */
public final class UserResolver {
    private final CognitoPort port;
    private final String poolId;

    public UserResolver(CognitoPort port, String poolId) {
        this.port = port;
        this.poolId = poolId;
    }

    public PoolUser resolve(String requested) {
        Map<String, PoolUser> candidates = new LinkedHashMap<>();
        port.findUsers("username", requested).forEach(u -> candidates.put(u.username(), u));
        if (requested.contains("@")) {
            port.findUsers("email", requested).forEach(u -> candidates.putIfAbsent(u.username(), u));
        }
        List<PoolUser> found = List.copyOf(candidates.values());
        if (found.isEmpty()) {
            throw new CognitoFailure(FailureKind.UNKNOWN_USER, "no user with username "
                    + (requested.contains("@") ? "or email " : "") + "'" + requested + "' in pool " + poolId);
        }
        if (found.size() > 1) {
            throw new CognitoFailure(FailureKind.AMBIGUOUS_USER, "'" + requested + "' matches " + found.size()
                    + " users (" + String.join(", ", found.stream().map(PoolUser::username).toList())
                    + "); name the user by username instead");
        }
        return found.get(0);
    }
}
