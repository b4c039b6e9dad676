package site.paywall.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Computes what CloudFormation would make of a decoded template for given parameter values: the intrinsic
 * functions our templates use (Ref, Fn::If with its conditions, Fn::Sub, Fn::Join, Fn::Split, Fn::Select,
 * Fn::FindInMap, Fn::GetAtt). Lets an invariant state a property's value ("every site domain gets this callback
 * URL") instead of its spelling. Resource references evaluate to tokens ("ref:Res", "Res.Attr").
 */
final class TemplateEvaluator {
    /** What AWS::NoValue (and an Fn::If branch holding it) evaluates to: the property is absent. */
    static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "(no value)";
        }
    };

    static final String ACCOUNT = "123456789012";
    static final String STACK_UUID = "1a2b3c4d-5e6f-4a0b-9c8d-7e6f5a4b3c2d";
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!]+)}");

    private final JsonNode template;
    private final Map<String, Object> parameters = new HashMap<>();

    /**
     * Parameter defaults (a CommaDelimitedList as a list), then {@code values}; a stack named "shop-x" in us-east-1.
     */
    TemplateEvaluator(JsonNode template, Map<String, ?> values) {
        this.template = template;
        template.path("Parameters").fields().forEachRemaining(p -> {
            JsonNode fallback = p.getValue().path("Default");
            if (!fallback.isMissingNode()) {
                parameters.put(p.getKey(), typed(p.getValue(), fallback.asText()));
            }
        });
        values.forEach((name, value) -> parameters.put(name,
                value instanceof String text ? typed(template.path("Parameters").path(name), text) : value));
        parameters.put("AWS::Region", "us-east-1");
        parameters.put("AWS::AccountId", ACCOUNT);
        parameters.put("AWS::Partition", "aws");
        parameters.put("AWS::StackName", "shop-x");
        parameters.put("AWS::StackId", "arn:aws:cloudformation:us-east-1:" + ACCOUNT + ":stack/shop-x/" + STACK_UUID);
    }

    private static Object typed(JsonNode parameter, String text) {
        if ("CommaDelimitedList".equals(parameter.path("Type").asText())) {
            return new ArrayList<>(Arrays.asList(text.split(",", -1)));
        }
        return text;
    }

    /** The value of {@code node}: a String, a List, a Map, a Boolean (conditions) or {@link #NO_VALUE}. */
    Object eval(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return NO_VALUE;
        }
        if (node.isValueNode()) {
            return node.asText();
        }
        if (node.isArray()) {
            List<Object> items = new ArrayList<>();
            node.forEach(item -> {
                Object value = eval(item);
                if (value != NO_VALUE) {
                    items.add(value);
                }
            });
            return items;
        }
        if (node.size() == 1) {
            String function = node.fieldNames().next();
            JsonNode args = node.get(function);
            switch (function) {
                case "Ref":
                    return ref(args.asText());
                case "Fn::GetAtt":
                    return args.isArray() ? args.get(0).asText() + "." + args.get(1).asText() : args.asText();
                case "Fn::If":
                    return condition(args.get(0).asText()) ? eval(args.get(1)) : eval(args.get(2));
                case "Fn::Join":
                    return String.join(args.get(0).asText(), strings(eval(args.get(1))));
                case "Fn::Split":
                    return new ArrayList<Object>(
                            Arrays.asList(text(eval(args.get(1))).split(Pattern.quote(args.get(0).asText()), -1)));
                case "Fn::Select":
                    return ((List<?>) eval(args.get(1))).get(Integer.parseInt(text(eval(args.get(0)))));
                case "Fn::FindInMap":
                    return eval(template.path("Mappings").path(text(eval(args.get(0)))).path(text(eval(args.get(1))))
                            .path(text(eval(args.get(2)))));
                case "Fn::Sub":
                    return sub(args);
                case "Fn::Equals":
                    return String.valueOf(eval(args.get(0))).equals(String.valueOf(eval(args.get(1))));
                case "Fn::Not":
                    return !(Boolean) eval(args.get(0));
                case "Fn::And":
                    return all(args, true);
                case "Fn::Or":
                    return all(args, false);
                case "Condition":
                    return condition(args.asText());
                default:
                    break;
            }
        }
        Map<String, Object> map = new LinkedHashMap<>();
        node.fields().forEachRemaining(field -> {
            Object value = eval(field.getValue());
            if (value != NO_VALUE) {
                map.put(field.getKey(), value);
            }
        });
        return map;
    }

    /** The named condition of the template, evaluated. */
    boolean condition(String name) {
        JsonNode condition = template.path("Conditions").path(name);
        if (condition.isMissingNode()) {
            throw new IllegalArgumentException("no condition " + name);
        }
        return (Boolean) eval(condition);
    }

    /** A resource's properties, evaluated. */
    @SuppressWarnings("unchecked")
    Map<String, Object> properties(String logicalId) {
        return (Map<String, Object>) eval(template.path("Resources").path(logicalId).path("Properties"));
    }

    private boolean all(JsonNode args, boolean and) {
        for (JsonNode arg : args) {
            boolean value = (Boolean) eval(arg);
            if (value != and) {
                return !and;
            }
        }
        return and;
    }

    private Object ref(String name) {
        if ("AWS::NoValue".equals(name)) {
            return NO_VALUE;
        }
        if (parameters.containsKey(name)) {
            return parameters.get(name);
        }
        if (template.path("Resources").has(name)) {
            return "ref:" + name;
        }
        if (template.path("Parameters").has(name)) {
            return "<" + name + ">"; // a parameter without default nobody gave a value
        }
        throw new IllegalArgumentException("unknown Ref " + name);
    }

    private String sub(JsonNode args) {
        String text = args.isArray() ? args.get(0).asText() : args.asText();
        Map<String, Object> variables = new HashMap<>();
        if (args.isArray() && args.size() > 1) {
            args.get(1).fields().forEachRemaining(v -> variables.put(v.getKey(), eval(v.getValue())));
        }
        Matcher m = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            Object value = variables.containsKey(name) ? variables.get(name)
                    : name.contains(".") && !name.startsWith("AWS::") ? name : ref(name);
            m.appendReplacement(out, Matcher.quoteReplacement(text(value)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String text(Object value) {
        if (value instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException("expected a string, got " + value);
    }

    private static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        for (Object item : (List<?>) value) {
            out.add(text(item));
        }
        return out;
    }

    // ---- where a value comes from ------------------------------------------------------------------------------

    /**
     * What {@code node} depends on, besides literals: "map:M/K1/K2" for Fn::FindInMap, "param:P" for a parameter,
     * "resource:R" for a resource (Ref, Fn::GetAtt, ${R...} in Fn::Sub). Empty for a literal.
     */
    static Set<String> sources(JsonNode template, JsonNode node) {
        Set<String> out = new TreeSet<>();
        collectSources(template, node, out);
        return out;
    }

    private static void collectSources(JsonNode template, JsonNode node, Set<String> out) {
        if (node.isArray()) {
            node.forEach(item -> collectSources(template, item, out));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        if (node.size() == 1 && node.has("Fn::FindInMap")) {
            JsonNode args = node.get("Fn::FindInMap");
            out.add("map:" + args.get(0).asText() + "/" + args.get(1).asText() + "/" + args.get(2).asText());
            return;
        }
        if (node.size() == 1 && node.has("Ref")) {
            if (!node.get("Ref").asText().startsWith("AWS::")) {
                out.add(reference(template, node.get("Ref").asText()));
            }
            return;
        }
        if (node.size() == 1 && node.has("Fn::GetAtt")) {
            String resource = TemplateInvariants.getAttResource(node);
            out.add("resource:" + resource);
            return;
        }
        if (node.size() == 1 && node.has("Fn::Sub")) {
            JsonNode args = node.get("Fn::Sub");
            String text = args.isArray() ? args.get(0).asText() : args.asText();
            Set<String> local = new TreeSet<>();
            if (args.isArray() && args.size() > 1) {
                args.get(1).fieldNames().forEachRemaining(local::add);
                collectSources(template, args.get(1), out);
            }
            Matcher m = SUB_VARIABLE.matcher(text);
            while (m.find()) {
                String name = m.group(1);
                if (!local.contains(name) && !name.startsWith("AWS::")) {
                    out.add(reference(template, name.contains(".") ? name.substring(0, name.indexOf('.')) : name));
                }
            }
            return;
        }
        for (Iterator<JsonNode> values = node.elements(); values.hasNext(); ) {
            collectSources(template, values.next(), out);
        }
    }

    private static String reference(JsonNode template, String name) {
        return template.path("Parameters").has(name) ? "param:" + name : "resource:" + name;
    }

    /** {@code node} with every Fn::FindInMap of literal keys replaced by the mapping's value. */
    static JsonNode resolveMappings(JsonNode template, JsonNode node) {
        if (node.isObject() && node.size() == 1 && node.has("Fn::FindInMap")) {
            JsonNode args = node.get("Fn::FindInMap");
            if (args.size() == 3 && args.get(0).isTextual() && args.get(1).isTextual() && args.get(2).isTextual()) {
                JsonNode value = template.path("Mappings").path(args.get(0).asText()).path(args.get(1).asText())
                        .path(args.get(2).asText());
                if (!value.isMissingNode()) {
                    return value;
                }
            }
            return node;
        }
        if (node.isArray()) {
            var copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> copy.add(resolveMappings(template, item)));
            return copy;
        }
        if (node.isObject()) {
            var copy = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(f -> copy.set(f.getKey(), resolveMappings(template, f.getValue())));
            return copy;
        }
        return node;
    }
}
