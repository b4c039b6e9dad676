package site.paywall.cloudformation;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The shipped templates decoded once, and broken copies of them made by text edits. */
final class DecodedTemplates implements AutoCloseable {
    private final CfnTemplateDecoder decoder = new CfnTemplateDecoder();
    private final Map<String, JsonNode> shipped = new LinkedHashMap<>();
    private final Path scratch;

    DecodedTemplates() {
        for (String file : Repo.TEMPLATE_FILES) {
            shipped.put(file, decoder.decode(Repo.template(file)));
        }
        try {
            scratch = Files.createTempDirectory("broken-templates");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** file name -> decoded template, for every template we ship. */
    Map<String, JsonNode> shipped() {
        return Map.copyOf(shipped);
    }

    /**
     * All templates, with {@code file} replaced by a copy in which the first {@code from} after {@code anchor}
     * (anchor null: {@code from} must occur exactly once) is replaced by {@code to}.
     */
    Map<String, JsonNode> withEdit(String file, String anchor, String from, String to) {
        try {
            String text = Files.readString(Repo.template(file), StandardCharsets.UTF_8);
            int at;
            if (anchor == null) {
                at = text.indexOf(from);
                if (at < 0 || text.indexOf(from, at + 1) >= 0) {
                    fail("the edit target must occur exactly once in " + file + " (was the template changed?): "
                            + from);
                }
            } else {
                int anchorAt = text.indexOf(anchor);
                if (anchorAt < 0 || text.indexOf(anchor, anchorAt + 1) >= 0) {
                    fail("the anchor must occur exactly once in " + file + ": " + anchor);
                }
                at = text.indexOf(from, anchorAt);
                if (at < 0) {
                    fail("no '" + from + "' after '" + anchor + "' in " + file);
                }
            }
            String broken = text.substring(0, at) + to + text.substring(at + from.length());
            Path copy = Files.createTempFile(scratch, file.replace(".yaml", "-"), ".yaml");
            Files.writeString(copy, broken, StandardCharsets.UTF_8);
            Map<String, JsonNode> templates = new LinkedHashMap<>(shipped);
            templates.put(file, decoder.decode(copy));
            return templates;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        decoder.close();
        try (var files = Files.list(scratch)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(scratch);
        } catch (IOException ignored) {
            // temp dir
        }
    }
}
