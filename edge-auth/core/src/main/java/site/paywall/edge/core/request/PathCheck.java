package site.paywall.edge.core.request;

/** A request URI judged as S3 will resolve it: the decoded key path, or why it is not canonical. */
public sealed interface PathCheck permits PathCheck.Canonical, PathCheck.NotCanonical {

    /** {@code path} is percent-decoded: the object key S3 will look up, with a leading "/". */
    record Canonical(String path) implements PathCheck { }

    record NotCanonical(String reason) implements PathCheck { }
}
