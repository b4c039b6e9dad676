package site.paywall.edge.core;

import java.util.List;
import java.util.Optional;

/**
 * A JSON value as the runtime holds it: a Jackson node on the JVM, a plain JS value under Node. The core reads
 * events, tokens and config through this view and builds CloudFront results with it, so neither runtime copies
 * JSON into a model of its own.
 */
public interface Json {

    enum Kind { OBJECT, ARRAY, STRING, NUMBER, BOOLEAN, NULL }

    Kind kind();

    /** A member of an object; empty when absent or when this is not an object. */
    Optional<Json> get(String name);

    /** Member names of an object in document order; empty when this is not an object. */
    List<String> names();

    /** Number of elements of an array; 0 when this is not an array. */
    int length();

    /** Element of an array. Callers check {@code 0 <= index < length()} first. */
    Json at(int index);

    /** The text of a string. Callers check {@code kind() == STRING} first. */
    String stringValue();

    /** The value of a number (as an IEEE double, which is what JSON.parse yields). Callers check the kind first. */
    double numberValue();

    boolean booleanValue();

    /** Sets a member of an object (in place) and returns this object. */
    Json put(String name, Json value);

    /**
     * Removes a member of an object (in place) and returns this object: afterwards {@link #get} finds nothing and
     * serializing leaves the member out. A platform may keep the name without a value — Node sets the member to
     * undefined, which JSON.stringify (what the Lambda runtime serializes a result with) leaves out, because V8 12
     * makes {@code delete} cost 0.7 µs — so {@link #names} may still list it.
     */
    Json remove(String name);

    /** Appends to an array (in place) and returns this array. */
    Json add(Json value);

    default boolean isObject() { return kind() == Kind.OBJECT; }

    default boolean isArray() { return kind() == Kind.ARRAY; }

    default boolean isString() { return kind() == Kind.STRING; }

    default boolean isNumber() { return kind() == Kind.NUMBER; }

    /** The member as a string, when it is one. */
    default Optional<String> string(String name) {
        Optional<Json> member = get(name);
        return member.isPresent() && member.get().isString()
                ? Optional.of(member.get().stringValue()) : Optional.empty();
    }
}
