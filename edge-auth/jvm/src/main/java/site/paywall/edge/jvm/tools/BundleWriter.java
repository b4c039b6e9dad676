package site.paywall.edge.jvm.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import site.paywall.edge.jvm.JvmPlatform;
import site.paywall.edge.jvm.engine.JvmEngine;

/**
 * Writes the Lambda@Edge package: {@code index.js} (handler {@code index.handler}), {@code authorizer.js} (the
 * TeaVM-compiled core) and {@code config.json}, as a directory and as a zip with fixed timestamps, so the same
 * inputs give the same bytes.
 */
public final class BundleWriter {

    /** Lambda@Edge's limit for a viewer-request function package. */
    public static final long MAX_ZIP_BYTES = 1024 * 1024;
    static final List<String> MODULE_FILES = List.of("index.js", "authorizer.js");
    private static final String CONFIG_FILE = "config.json";
    /** Zip entries in a fixed (sorted) order, for reproducible bytes. */
    private static final List<String> ZIP_ENTRIES = List.of("authorizer.js", CONFIG_FILE, "index.js");
    /**
     * Every entry's time, as local date and time fields. Not {@code ZipEntry.setTime(millis)}: that converts through
     * the JVM's default time zone, so east of UTC the DOS time shifts and west of it 1980-01-01T00:00Z is still 1979
     * and an extended-timestamp field is added; the bytes then depend on the build machine's zone. Two seconds past
     * the zip epoch because 1980-01-01T00:00:00 is the JDK's own "before 1980" marker, which adds that field again.
     */
    private static final LocalDateTime FIXED_TIME = LocalDateTime.of(1980, 1, 1, 0, 0, 2);

    private BundleWriter() { }

    /**
     * Writes (or replaces) the bundle directory; config.json holds the config's pre-validated form
     * ({@link JvmEngine#bundledForm}), which the edge reads without validating again.
     */
    public static void writeDirectory(Path directory, JsonNode resolvedConfig) throws IOException {
        Files.createDirectories(directory);
        try (var old = Files.list(directory)) {
            for (Path file : (Iterable<Path>) old::iterator) {
                if (Files.isRegularFile(file)) {
                    Files.delete(file);
                }
            }
        }
        for (String name : MODULE_FILES) {
            try (InputStream in = BundleWriter.class.getResourceAsStream("/lambda-edge/" + name)) {
                if (in == null) {
                    throw new IOException("lambda-edge/" + name + " is not on the classpath (build edge-auth/edge)");
                }
                Files.write(directory.resolve(name), in.readAllBytes());
            }
        }
        Files.writeString(directory.resolve(CONFIG_FILE), compact(JvmEngine.bundledForm(resolvedConfig)),
                StandardCharsets.UTF_8);
    }

    /** Zips the directory's files (flat, sorted, fixed timestamps) and returns the zip's size in bytes. */
    public static long writeZip(Path directory, Path zip) throws IOException {
        Files.createDirectories(zip.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream zipOut = new ZipOutputStream(out)) {
            zipOut.setLevel(9);
            for (String name : ZIP_ENTRIES) {
                ZipEntry entry = new ZipEntry(name);
                entry.setTimeLocal(FIXED_TIME);
                zipOut.putNextEntry(entry);
                zipOut.write(Files.readAllBytes(directory.resolve(name)));
                zipOut.closeEntry();
            }
        }
        return Files.size(zip);
    }

    private static String compact(JsonNode config) {
        try {
            return JvmPlatform.STRICT_JSON.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the config", e);
        }
    }
}
