package site.paywall.edge.jvm.tools;

/** An expected failure of a tool: printed as one clear message (no stack trace) and mapped to an exit code. */
final class ToolError extends RuntimeException {

    /** Exit codes, documented in edge-auth/README.md ("Exit codes of the tools"). 1 is a bug, never expected. */
    static final int INTERNAL = 1;
    static final int UNREADABLE_FILE = 3;
    static final int INVALID_JSON = 4;
    static final int INVALID_CONFIG = 5;
    static final int JWKS_FETCH_FAILED = 6;
    static final int ENGINE_FAILED = 7;
    static final int OUTPUT_FAILED = 8;

    private final int exitCode;

    ToolError(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
