package site.paywall.edge.core.request;

/** The result of reading an event: the request, or why the event is not a viewer-request event we understand. */
public sealed interface EventRead permits EventRead.Ok, EventRead.Malformed {

    record Ok(ViewerRequest request) implements EventRead { }

    /** {@code requestId} when it could be read, for the log; empty text otherwise. */
    record Malformed(String reason, String requestId) implements EventRead { }
}
