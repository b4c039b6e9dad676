package site.paywall.edge.conformance.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import site.paywall.edge.jvm.tools.BundleWriter;

/** Temporary bundle directories (index.js + authorizer.js + config.json) for the bundle engine. */
public final class BundleDirectories {

    private BundleDirectories() { }

    public static Path write(JsonNode resolvedConfig) {
        try {
            Path directory = Files.createTempDirectory("edge-fuzz-bundle");
            BundleWriter.writeDirectory(directory, resolvedConfig);
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the bundle directory", e);
        }
    }

    public static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A temporary directory left behind is harmless.
        }
    }
}
