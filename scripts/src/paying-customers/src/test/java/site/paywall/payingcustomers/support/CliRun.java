package site.paywall.payingcustomers.support;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** The result of running the tool once: exit code, stdout and stderr. */
public record CliRun(int exitCode, String out, String err) {

    /** Expected failures print a message, never a stack trace. */
    public CliRun assertNoStackTrace() {
        assertFalse(err.contains("\tat ") || err.contains("Exception in thread") || err.contains("internal error"),
                "stderr has a stack trace:\n" + err);
        assertFalse(out.contains("\tat "), "stdout has a stack trace:\n" + out);
        return this;
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
