package site.paywall.edge.bundle;

import java.util.Optional;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSBodyImport;
import org.teavm.jso.JSObject;
import site.paywall.edge.core.Json;
import site.paywall.edge.core.Platform;

/**
 * The seam on Node.js (Lambda@Edge): JSON.parse, Buffer's base64url, node:crypto (RSA, SHA-256, randomBytes) and
 * stdout. Byte work stays in
 * JS, where it is native; Java only ever sees the parsed values.
 */
final class NodePlatform implements Platform {

    @Override
    public Optional<Json> parseJson(String text) {
        return wrap(parse(text));
    }

    @Override
    public Optional<Json> parseBase64UrlJson(String segment) {
        return wrap(parseBase64Url(segment));
    }

    @Override
    public boolean isBase64UrlAlphabet(String text) {
        return matchesBase64UrlAlphabet(text);
    }

    @Override
    public Optional<PublicKeyHandle> importRsaPublicKey(Json jwk) {
        JSObject key = importJwk(((JsJson) jwk).value);
        return isUndefined(key) ? Optional.empty() : Optional.of(new NodeKey(key));
    }

    @Override
    public boolean verifyRs256(PublicKeyHandle key, String signingInput, String signatureBase64Url) {
        return verify(((NodeKey) key).keyObject, signingInput, signatureBase64Url);
    }

    @Override
    public double nowMillis() {
        return now();
    }

    @Override
    public String randomBase64Url(int bytes) {
        return randomBytes(bytes);
    }

    @Override
    public String sha256Base64Url(String ascii) {
        return sha256(ascii);
    }

    @Override
    public Json newObject() {
        return new JsJson(emptyObject(), Json.Kind.OBJECT);
    }

    @Override
    public Json newArray() {
        return new JsJson(emptyArray(), Json.Kind.ARRAY);
    }

    @Override
    public Json string(String value) {
        return new JsJson(jsString(value), Json.Kind.STRING);
    }

    @Override
    public Json integer(long value) {
        return new JsJson(jsNumber(value), Json.Kind.NUMBER);
    }

    @Override
    public String stringify(Json value) {
        return stringify(((JsJson) value).value);
    }

    @Override
    public Json freeze(Json value) {
        deepFreeze(((JsJson) value).value);
        return value;
    }

    @Override
    public void log(String line) {
        writeLine(line);
    }

    /** Native JS value of a Json this platform made or parsed. */
    static JSObject unwrap(Json json) {
        return ((JsJson) json).value;
    }

    private static Optional<Json> wrap(JSObject parsed) {
        return isUndefined(parsed) ? Optional.empty() : Optional.of(new JsJson(parsed));
    }

    private static final class NodeKey implements PublicKeyHandle {
        final JSObject keyObject;

        NodeKey(JSObject keyObject) {
            this.keyObject = keyObject;
        }
    }

    @JSBody(params = "v", script = "return v === undefined;")
    private static native boolean isUndefined(JSObject v);

    @JSBody(params = "s", script = "return /^[A-Za-z0-9_-]*$/.test(s);")
    private static native boolean matchesBase64UrlAlphabet(String s);

    @JSBody(params = "text", script = "try { return JSON.parse(text); } catch (e) { return undefined; }")
    private static native JSObject parse(String text);

    /** TextDecoder with fatal: bytes that are not UTF-8 throw (and so read as "not JSON") instead of becoming U+FFFD. */
    @JSBody(params = "s", script = "try { return JSON.parse(new TextDecoder('utf-8', {fatal: true, ignoreBOM: true})"
            + ".decode(Buffer.from(s, 'base64url'))); } catch (e) { return undefined; }")
    private static native JSObject parseBase64Url(String s);

    @JSBody(params = "jwk", script = "try { return crypto.createPublicKey({format: 'jwk',"
            + " key: {kty: 'RSA', n: jwk.n, e: jwk.e}}); } catch (e) { return undefined; }",
            imports = @JSBodyImport(alias = "crypto", fromModule = "node:crypto"))
    private static native JSObject importJwk(JSObject jwk);

    @JSBody(params = {"key", "input", "sig"}, script = "try { return crypto.verify('RSA-SHA256',"
            + " Buffer.from(input, 'latin1'), key, Buffer.from(sig, 'base64url')); } catch (e) { return false; }",
            imports = @JSBodyImport(alias = "crypto", fromModule = "node:crypto"))
    private static native boolean verify(JSObject key, String input, String sig);

    @JSBody(params = "n", script = "return crypto.randomBytes(n).toString('base64url');",
            imports = @JSBodyImport(alias = "crypto", fromModule = "node:crypto"))
    private static native String randomBytes(int n);

    @JSBody(params = "s", script = "return crypto.createHash('sha256').update(s, 'latin1').digest('base64url');",
            imports = @JSBodyImport(alias = "crypto", fromModule = "node:crypto"))
    private static native String sha256(String s);

    @JSBody(script = "return Date.now();")
    private static native double now();

    @JSBody(script = "return {};")
    private static native JSObject emptyObject();

    @JSBody(script = "return [];")
    private static native JSObject emptyArray();

    @JSBody(params = "s", script = "return s;")
    private static native JSObject jsString(String s);

    @JSBody(params = "n", script = "return n;")
    private static native JSObject jsNumber(double n);

    @JSBody(params = "v", script = "(function freeze(o) { Object.freeze(o);"
            + " for (const k of Object.keys(o)) { const m = o[k]; if (m !== null && typeof m === 'object') freeze(m); }"
            + " })(v);")
    private static native void deepFreeze(JSObject v);

    @JSBody(params = "v", script = "return JSON.stringify(v);")
    private static native String stringify(JSObject v);

    /** stdout, which Lambda ships to CloudWatch; console.log would add util.format's cost to every request. */
    @JSBody(params = "line", script = "process.stdout.write(line + '\\n');")
    private static native void writeLine(String line);
}
