package site.paywall.edge.jvm.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import site.paywall.edge.jvm.JvmPlatform;

/** Reads the tools' input files, turning every failure into a {@link ToolError} that names the file. */
final class JsonFiles {

    private JsonFiles() { }

    static String readText(Path file, String what) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ToolError(ToolError.UNREADABLE_FILE, "cannot read " + what + " " + file + ": " + describe(e));
        }
    }

    static JsonNode readJson(Path file, String what) {
        String text = readText(file, what);
        try {
            JsonNode node = JvmPlatform.STRICT_JSON.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new ToolError(ToolError.INVALID_JSON, what + " " + file + " is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new ToolError(ToolError.INVALID_JSON, what + " " + file + " is not valid JSON: "
                    + e.getOriginalMessage() + " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")");
        }
    }

    static String describe(IOException e) {
        String type = e.getClass().getSimpleName();
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.charset.MalformedInputException) {
            return "not UTF-8 text";
        }
        return e.getMessage() == null ? type : type + ": " + e.getMessage();
    }
}
