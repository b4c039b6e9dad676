package site.paywall.payingcustomers.membership;

import java.time.Duration;
import java.util.List;
import site.paywall.payingcustomers.cognito.AppClientTokens;
import site.paywall.payingcustomers.cognito.CognitoFailure;
import site.paywall.payingcustomers.cognito.CognitoPort;

/** How long already-issued ID/access tokens can outlive a revoke: the longest lifetime over the pool's app clients. */
public sealed interface TokenLifetime {

    /** The longest ID or access token lifetime, and which client and token it belongs to. */
    record Known(Duration longest, String clientName, String token, int appClients) implements TokenLifetime {
    }

    record NoAppClients() implements TokenLifetime {
    }

    record Unreadable(String reason) implements TokenLifetime {
    }

    static TokenLifetime read(CognitoPort port) {
        try {
            List<String> ids = port.appClientIds();
            if (ids.isEmpty()) {
                return new NoAppClients();
            }
            Known longest = null;
            for (String id : ids) {
                AppClientTokens t = port.appClientTokens(id);
                boolean idIsLonger = t.idToken().compareTo(t.accessToken()) >= 0;
                Duration d = t.longest();
                if (longest == null || d.compareTo(longest.longest()) > 0) {
                    longest = new Known(d, t.clientName(), idIsLonger ? "ID token" : "access token", ids.size());
                }
            }
            return longest;
        } catch (CognitoFailure e) {
            return new Unreadable(e.getMessage());
        }
    }

    /** "1 hour", "90 minutes", "1 day 2 hours". */
    static String describe(Duration d) {
        long seconds = d.getSeconds();
        StringBuilder out = new StringBuilder();
        long[] sizes = {86_400, 3_600, 60, 1};
        String[] names = {"day", "hour", "minute", "second"};
        for (int i = 0; i < sizes.length; i++) {
            long n = seconds / sizes[i];
            seconds %= sizes[i];
            if (n > 0) {
                out.append(out.length() == 0 ? "" : " ").append(n).append(' ').append(names[i])
                        .append(n == 1 ? "" : "s");
            }
        }
        return out.length() == 0 ? "0 seconds" : out.toString();
    }
}
