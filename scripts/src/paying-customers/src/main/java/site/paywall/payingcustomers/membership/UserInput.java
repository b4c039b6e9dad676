package site.paywall.payingcustomers.membership;

import java.util.Optional;

/** Checks a USER as typed (argument or file line) before anything is sent to Cognito. */
public final class UserInput {
    private UserInput() {
    }

    /**
     * {@code text} without the blanks a paste brings along at either end: spaces, tabs, no-break and zero-width
     * spaces, a byte order mark. Blanks inside stay, and are refused by {@link #problem}.
     */
    public static String trim(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && blank(text.charAt(start))) {
            start++;
        }
        while (end > start && blank(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean blank(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u200B' || c == '\u2060' || c == '\uFEFF';
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
