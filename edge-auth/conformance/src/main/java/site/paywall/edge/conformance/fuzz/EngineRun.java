package site.paywall.edge.conformance.fuzz;

import site.paywall.edge.jvm.engine.EngineResult;

/** One engine's handling of one case: its result, or what escaped from it (an exception, a hang). */
public record EngineRun(String engine, EngineResult result, String escape) {

    static EngineRun ok(String engine, EngineResult result) {
        return new EngineRun(engine, result, "");
    }

    static EngineRun escaped(String engine, String escape) {
        return new EngineRun(engine, null, escape);
    }

    public boolean escaped() {
        return result == null;
    }

    /** "forward", the status text, or "escape". */
    public String outcome() {
        return result == null ? "escape" : result.outcome();
    }
}
