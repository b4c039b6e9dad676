package site.paywall.edge.core.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import site.paywall.edge.core.Json;

/**
 * A test-only {@link Json} over plain Java values (LinkedHashMap, ArrayList, String, Double, Boolean, {@link #NULL}),
 * with a small strict parser, so the core's tests run without Jackson, TeaVM or Node: {@code mvn -pl edge-auth/core
 * test} in seconds. The real seams (JacksonJson, JsJson) are held to the same contract by the conformance tests.
 */
public final class TestJson implements Json {

    /** JSON's null. */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private final Object value;

    private TestJson(Object value) {
        this.value = value;
    }

    public static TestJson of(Object value) {
        return new TestJson(value);
    }

    public Object value() {
        return value;
    }

    /** Strict RFC 8259 text; duplicate member names: the last wins. Empty when it is not JSON. */
    public static Optional<Json> parse(String text) {
        try {
            Parser parser = new Parser(text);
            Object parsed = parser.value();
            parser.whitespace();
            return parser.at == text.length() ? Optional.of(new TestJson(parsed)) : Optional.empty();
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    /** Parses text the test knows to be JSON. */
    public static TestJson json(String text) {
        return (TestJson) parse(text).orElseThrow(() -> new IllegalArgumentException("not JSON: " + text));
    }

    @Override
    public Kind kind() {
        if (value instanceof Map) {
            return Kind.OBJECT;
        }
        if (value instanceof List) {
            return Kind.ARRAY;
        }
        if (value instanceof String) {
            return Kind.STRING;
        }
        if (value instanceof Double) {
            return Kind.NUMBER;
        }
        if (value instanceof Boolean) {
            return Kind.BOOLEAN;
        }
        return Kind.NULL;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map() {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private List<Object> list() {
        return (List<Object>) value;
    }

    @Override
    public Optional<Json> get(String name) {
        return kind() == Kind.OBJECT && map().containsKey(name) ? Optional.of(new TestJson(map().get(name)))
                : Optional.empty();
    }

    @Override
    public List<String> names() {
        return kind() == Kind.OBJECT ? new ArrayList<>(map().keySet()) : new ArrayList<>();
    }

    @Override
    public int length() {
        return kind() == Kind.ARRAY ? list().size() : 0;
    }

    @Override
    public Json at(int index) {
        return new TestJson(list().get(index));
    }

    @Override
    public String stringValue() {
        return (String) value;
    }

    @Override
    public double numberValue() {
        return (Double) value;
    }

    @Override
    public boolean booleanValue() {
        return (Boolean) value;
    }

    @Override
    public Json put(String name, Json member) {
        map().put(name, ((TestJson) member).value);
        return this;
    }

    // Jackson-like shorthands, so config tests read as they did over Jackson's ObjectNode.

    public TestJson put(String name, String member) {
        return set(name, member);
    }

    public TestJson put(String name, long member) {
        return set(name, member);
    }

    public TestJson put(String name, double member) {
        return set(name, member);
    }

    public TestJson put(String name, boolean member) {
        return set(name, member);
    }

    public TestJson putNull(String name) {
        return set(name, NULL);
    }

    /** Sets a new empty array member and returns it. */
    public TestJson putArray(String name) {
        TestJson array = array();
        set(name, array);
        return array;
    }

    /** Sets a new empty object member and returns it. */
    public TestJson putObject(String name) {
        TestJson object = object();
        set(name, object);
        return object;
    }

    public TestJson add(String element) {
        return append(element);
    }

    public TestJson insert(int index, TestJson element) {
        list().add(index, element.value);
        return this;
    }

    /** Test shorthand: a string, number (int/long/double), boolean, Json or {@link #NULL} member. */
    public TestJson set(String name, Object member) {
        map().put(name, plain(member));
        return this;
    }

    @Override
    public Json remove(String name) {
        map().remove(name);
        return this;
    }

    @Override
    public Json add(Json element) {
        list().add(((TestJson) element).value);
        return this;
    }

    /** The member as a TestJson (for editing in place); fails when absent. */
    public TestJson member(String name) {
        return new TestJson(map().get(name));
    }

    /** The element as a TestJson (for editing in place). */
    public TestJson element(int index) {
        return new TestJson(list().get(index));
    }

    /** Test shorthand: appends plain values. */
    public TestJson append(Object... elements) {
        for (Object element : elements) {
            list().add(plain(element));
        }
        return this;
    }

    public static TestJson object() {
        return new TestJson(new LinkedHashMap<String, Object>());
    }

    public static TestJson array(Object... elements) {
        return new TestJson(new ArrayList<>()).append(elements);
    }

    public TestJson copy() {
        return json(stringify());
    }

    private static Object plain(Object member) {
        if (member instanceof TestJson json) {
            return json.value;
        }
        if (member instanceof Integer || member instanceof Long) {
            return ((Number) member).doubleValue();
        }
        return member;
    }

    /** Compact JSON text. */
    public String stringify() {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    @Override
    public String toString() {
        return stringify();
    }

    @SuppressWarnings("unchecked")
    private static void write(Object value, StringBuilder out) {
        if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, Object> e : ((Map<String, Object>) map).entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(e.getKey(), out);
                out.append(':');
                write(e.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(list.get(i), out);
            }
            out.append(']');
        } else if (value instanceof String text) {
            string(text, out);
        } else if (value instanceof Double number) {
            out.append(number == Math.floor(number) && Math.abs(number) < 1e15 ? String.valueOf(number.longValue())
                    : String.valueOf(number));
        } else {
            out.append(value);
        }
    }

    private static void string(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** Recursive descent over RFC 8259. */
    private static final class Parser {
        private final String text;
        private int at;

        Parser(String text) {
            this.text = text;
        }

        Object value() {
            whitespace();
            char c = text.charAt(at);
            switch (c) {
                case '{':
                    return object();
                case '[':
                    return array();
                case '"':
                    return string();
                case 't':
                    return literal("true", Boolean.TRUE);
                case 'f':
                    return literal("false", Boolean.FALSE);
                case 'n':
                    return literal("null", NULL);
                default:
                    return number();
            }
        }

        void whitespace() {
            while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
        }

        private Object literal(String word, Object result) {
            if (!text.startsWith(word, at)) {
                throw new IllegalArgumentException("expected " + word);
            }
            at += word.length();
            return result;
        }

        private Map<String, Object> object() {
            Map<String, Object> map = new LinkedHashMap<>();
            at++;
            whitespace();
            if (text.charAt(at) == '}') {
                at++;
                return map;
            }
            while (true) {
                whitespace();
                if (text.charAt(at) != '"') {
                    throw new IllegalArgumentException("member name expected");
                }
                String name = string();
                whitespace();
                expect(':');
                map.remove(name);
                map.put(name, value());
                whitespace();
                if (text.charAt(at) == '}') {
                    at++;
                    return map;
                }
                expect(',');
            }
        }

        private List<Object> array() {
            List<Object> list = new ArrayList<>();
            at++;
            whitespace();
            if (text.charAt(at) == ']') {
                at++;
                return list;
            }
            while (true) {
                list.add(value());
                whitespace();
                if (text.charAt(at) == ']') {
                    at++;
                    return list;
                }
                expect(',');
            }
        }

        private String string() {
            StringBuilder out = new StringBuilder();
            at++;
            while (true) {
                char c = text.charAt(at++);
                if (c == '"') {
                    return out.toString();
                }
                if (c < 0x20) {
                    throw new IllegalArgumentException("control character in a string");
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = text.charAt(at++);
                switch (e) {
                    case '"', '\\', '/' -> out.append(e);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> throw new IllegalArgumentException("bad escape");
                }
            }
        }

        private Double number() {
            int start = at;
            if (text.charAt(at) == '-') {
                at++;
            }
            while (at < text.length() && "0123456789.eE+-".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
            String number = text.substring(start, at);
            if (!number.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
                throw new IllegalArgumentException("not a number: " + number);
            }
            return Double.valueOf(number);
        }

        private void expect(char c) {
            if (text.charAt(at) != c) {
                throw new IllegalArgumentException("expected " + c);
            }
            at++;
        }
    }
}
