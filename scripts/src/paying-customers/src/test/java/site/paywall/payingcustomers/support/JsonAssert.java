package site.paywall.payingcustomers.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/** Parses the tool's JSON with Jackson, so that a malformed document fails the test. */
public final class JsonAssert {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonAssert() {
    }

    public static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + e.getMessage() + "\n" + text, e);
        }
    }

    /** Every non-empty line of {@code text} parsed as one JSON object. */
    public static List<JsonNode> lines(String text) {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                nodes.add(parse(line));
            }
        }
        return nodes;
    }

    /** The outcome lines among the audit lines of {@code text}: one per change. */
    public static List<JsonNode> outcomes(String text) {
        return auditLines(text).stream().filter(n -> "outcome".equals(n.path("phase").asText())).toList();
    }

    /** The intent lines among the audit lines of {@code text}: written before each call. */
    public static List<JsonNode> intents(String text) {
        return auditLines(text).stream().filter(n -> "intent".equals(n.path("phase").asText())).toList();
    }

    /** The lines of stderr (or of an audit file) that are audit lines (JSON objects). */
    public static List<JsonNode> auditLines(String stderr) {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : stderr.split("\n")) {
            if (line.startsWith("{\"time\"")) {
                nodes.add(parse(line));
            }
        }
        return nodes;
    }
}
