package site.paywall.payingcustomers.cli;

/** Bad input found after parsing (config file, option values, import file); becomes exit code 2. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message, null, false, false);
    }
}
