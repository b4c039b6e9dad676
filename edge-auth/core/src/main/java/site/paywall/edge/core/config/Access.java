package site.paywall.edge.core.config;

import java.util.List;

/** Who may fetch the paths a rule covers: {@code "public"}, {@code "signed-in"} or a list of groups. */
public sealed interface Access permits Access.Public, Access.SignedIn, Access.MemberOfAny {

    /** Anyone, token or not. */
    record Public() implements Access { }

    /** Anyone with a valid token. */
    record SignedIn() implements Access { }

    /** A valid token whose {@code cognito:groups} holds at least one of these names (exact, case-sensitive). */
    record MemberOfAny(List<String> groups) implements Access {
        public boolean admits(List<String> memberOf) {
            for (int i = 0; i < memberOf.size(); i++) {
                if (groups.contains(memberOf.get(i))) {
                    return true;
                }
            }
            return false;
        }
    }
}
