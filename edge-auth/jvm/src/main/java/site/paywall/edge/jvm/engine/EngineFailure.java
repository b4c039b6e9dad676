package site.paywall.edge.jvm.engine;

/** An engine could not run at all (node missing, the bundle crashed): not a decision, an operational failure. */
public final class EngineFailure extends RuntimeException {

    public EngineFailure(String message) {
        super(message);
    }

    public EngineFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
