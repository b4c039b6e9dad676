package site.paywall.edge.bundle;

import java.util.AbstractList;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/** A JS array of strings seen as a read-only {@code List<String>}: no copy into an ArrayList. */
final class JsStrings extends AbstractList<String> {

    private final JSObject array;
    private final int size;

    JsStrings(JSObject array, int size) {
        this.array = array;
        this.size = size;
    }

    @Override
    public String get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException();
        }
        return stringAt(array, index);
    }

    @Override
    public int size() {
        return size;
    }

    @JSBody(params = {"a", "i"}, script = "return a[i];")
    private static native String stringAt(JSObject a, int i);
}
