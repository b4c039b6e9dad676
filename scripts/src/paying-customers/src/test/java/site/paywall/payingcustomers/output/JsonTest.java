package site.paywall.payingcustomers.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import site.paywall.payingcustomers.support.JsonAssert;

/** The hand-written JSON writer, checked by a real parser. */
class JsonTest {

    @Test
    void awkwardStringsSurviveARoundTrip() {
        String nasty = "quote\" backslash\\ newline\n tab\t nul\u0000 bell\u0007 line-sep\u2028 é 😀";
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", nasty);
        m.put(nasty, "as a key");

        JsonNode node = JsonAssert.parse(Json.write(m));

        assertEquals(nasty, node.get("s").asText());
        assertEquals("as a key", node.get(nasty).asText());
    }

    @Test
    void numbersBooleansNullsOptionalsAndLists() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("int", 3);
        m.put("long", 3_600L);
        m.put("bool", true);
        m.put("none", null);
        m.put("empty", Optional.empty());
        m.put("some", Optional.of("x"));
        m.put("list", List.of(1, "two", List.of()));
        m.put("nulls", Arrays.asList(null, null));

        assertEquals("{\"int\":3,\"long\":3600,\"bool\":true,\"none\":null,\"empty\":null,\"some\":\"x\","
                + "\"list\":[1,\"two\",[]],\"nulls\":[null,null]}", Json.write(m));
    }
}
