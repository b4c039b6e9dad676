package site.paywall.edge.core.response;

import java.util.Optional;

/**
 * S3 has no folders: a path ending in "/" ("/reports/") is forwarded as its index file ("/reports/index.html"), and
 * the rules judge that same key. One function for both, so what is judged and what is fetched cannot drift apart.
 */
public final class FolderIndex {

    private FolderIndex() { }

    /** The path S3 is asked for: {@code path} and the index file when it ends in "/" and folderIndex is on. */
    public static String served(String path, Optional<String> folderIndex) {
        return folderIndex.isPresent() && path.endsWith("/") ? path + folderIndex.get() : path;
    }
}
