package site.paywall.edge.bundle;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import site.paywall.edge.core.Json;

/** A plain JS value (from JSON.parse or the Lambda event) seen through the core's {@link Json} view. */
final class JsJson implements Json {

    private static final Kind[] KINDS = Kind.values();

    final JSObject value;
    private final Kind kind;

    JsJson(JSObject value) {
        this(value, KINDS[kindOf(value)]);
    }

    /** For values the platform just made: their kind is known, no need to ask JS. */
    JsJson(JSObject value, Kind kind) {
        this.value = value;
        this.kind = kind;
    }

    @Override
    public Kind kind() {
        return kind;
    }

    @Override
    public Optional<Json> get(String name) {
        if (kind != Kind.OBJECT) {
            return Optional.empty();
        }
        JSObject member = ownMember(value, name);
        return isUndefined(member) ? Optional.empty() : Optional.of(new JsJson(member));
    }

    @Override
    public List<String> names() {
        List<String> names = new ArrayList<>();
        if (kind == Kind.OBJECT) {
            String[] keys = keys(value);
            for (String key : keys) {
                names.add(key);
            }
        }
        return names;
    }

    @Override
    public int length() {
        return kind == Kind.ARRAY ? arrayLength(value) : 0;
    }

    @Override
    public Json at(int index) {
        return new JsJson(element(value, index));
    }

    @Override
    public String stringValue() {
        return asString(value);
    }

    @Override
    public double numberValue() {
        return asNumber(value);
    }

    @Override
    public boolean booleanValue() {
        return asBoolean(value);
    }

    @Override
    public Json put(String name, Json member) {
        setMember(value, name, ((JsJson) member).value);
        return this;
    }

    @Override
    public Json remove(String name) {
        removeMember(value, name);
        return this;
    }

    @Override
    public Json add(Json element) {
        push(value, ((JsJson) element).value);
        return this;
    }

    /** Index into {@link Kind#values()}; values JSON cannot hold (undefined, functions) read as NULL. */
    @JSBody(params = "v", script = "if (v === null || v === undefined) return 5;"
            + "if (Array.isArray(v)) return 1;"
            + "switch (typeof v) { case 'object': return 0; case 'string': return 2; case 'number': return 3;"
            + " case 'boolean': return 4; default: return 5; }")
    private static native int kindOf(JSObject v);

    /**
     * An own member, or undefined: "constructor", "__proto__" and friends must never resolve to the prototype's.
     * (JSON never holds undefined, so undefined can only mean absent.)
     */
    @JSBody(params = {"o", "k"}, script = "return Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined;")
    private static native JSObject ownMember(JSObject o, String k);

    @JSBody(params = "v", script = "return v === undefined;")
    private static native boolean isUndefined(JSObject v);

    @JSBody(params = "o", script = "return Object.keys(o);")
    private static native String[] keys(JSObject o);

    @JSBody(params = "a", script = "return a.length;")
    private static native int arrayLength(JSObject a);

    @JSBody(params = {"a", "i"}, script = "return a[i];")
    private static native JSObject element(JSObject a, int i);

    @JSBody(params = "v", script = "return v;")
    private static native String asString(JSObject v);

    @JSBody(params = "v", script = "return v;")
    private static native double asNumber(JSObject v);

    @JSBody(params = "v", script = "return v;")
    private static native boolean asBoolean(JSObject v);

    /** Plain assignment is fast; "__proto__" alone would set the prototype, so it is defined as a member. */
    @JSBody(params = {"o", "k", "v"}, script = "if (k === '__proto__') { Object.defineProperty(o, k, {value: v,"
            + " writable: true, enumerable: true, configurable: true}); } else { o[k] = v; }")
    private static native void setMember(JSObject o, String k, JSObject v);

    /**
     * Set to undefined rather than deleted (see {@link Json#remove}): on Node 22 a delete costs 0.7 µs, this a few
     * ns; get() reads an undefined member as absent, JSON.stringify leaves it out. Only an own member is touched.
     */
    @JSBody(params = {"o", "k"}, script = "if (Object.prototype.hasOwnProperty.call(o, k)) {"
            + " if (k === '__proto__') { delete o[k]; } else { o[k] = undefined; } }")
    private static native void removeMember(JSObject o, String k);

    @JSBody(params = {"a", "v"}, script = "a.push(v);")
    private static native void push(JSObject a, JSObject v);
}
