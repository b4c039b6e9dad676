package site.paywall.edge.jvm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import site.paywall.edge.core.Json;

/** A Jackson node seen through the core's {@link Json} view. */
public final class JacksonJson implements Json {

    private final JsonNode node;

    public JacksonJson(JsonNode node) {
        this.node = node;
    }

    public JsonNode node() {
        return node;
    }

    @Override
    public Kind kind() {
        switch (node.getNodeType()) {
            case OBJECT:
                return Kind.OBJECT;
            case ARRAY:
                return Kind.ARRAY;
            case STRING:
                return Kind.STRING;
            case NUMBER:
                return Kind.NUMBER;
            case BOOLEAN:
                return Kind.BOOLEAN;
            default:
                return Kind.NULL;
        }
    }

    @Override
    public Optional<Json> get(String name) {
        if (!node.isObject()) {
            return Optional.empty();
        }
        JsonNode member = node.get(name);
        return member == null ? Optional.empty() : Optional.of(new JacksonJson(member));
    }

    @Override
    public List<String> names() {
        List<String> names = new ArrayList<>();
        if (node.isObject()) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
        }
        return names;
    }

    @Override
    public int length() {
        return node.isArray() ? node.size() : 0;
    }

    @Override
    public Json at(int index) {
        return new JacksonJson(node.get(index));
    }

    @Override
    public String stringValue() {
        return node.textValue();
    }

    @Override
    public double numberValue() {
        return node.doubleValue();
    }

    @Override
    public boolean booleanValue() {
        return node.booleanValue();
    }

    @Override
    public Json put(String name, Json value) {
        ((ObjectNode) node).set(name, ((JacksonJson) value).node);
        return this;
    }

    @Override
    public Json remove(String name) {
        ((ObjectNode) node).remove(name);
        return this;
    }

    @Override
    public Json add(Json value) {
        ((ArrayNode) node).add(((JacksonJson) value).node);
        return this;
    }
}
