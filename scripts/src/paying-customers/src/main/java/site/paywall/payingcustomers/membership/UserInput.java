package site.paywall.payingcustomers.membership;

import java.util.Optional;

/** Checks a USER as typed (argument or file line) before anything is sent to Cognito. */
public final class UserInput {
    private UserInput() {
    }

    /** Empty when {@code text} can be a Cognito username or an email, else the reason it cannot. */
    public static Optional<String> problem(String text) {
        if (text.isEmpty()) {
            return Optional.of("empty user");
        }
        if (text.length() > 128) {
            return Optional.of("longer than 128 characters, the most Cognito allows for a username");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)) {
                return Optional.of("contains whitespace or a control character (at position " + (i + 1) + ")");
            }
        }
        return Optional.empty();
    }
}
