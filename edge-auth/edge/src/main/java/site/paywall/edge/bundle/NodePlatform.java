package site.paywall.edge.bundle;

import java.util.Optional;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSBodyImport;
import org.teavm.jso.JSObject;
import site.paywall.edge.core.Json;
import site.paywall.edge.core.Platform;
import site.paywall.edge.core.request.EventRead;
import site.paywall.edge.core.request.EventReader;
import site.paywall.edge.core.request.HeaderValues;
import site.paywall.edge.core.request.ViewerRequest;

/**
 * The seam on Node.js (Lambda@Edge): JSON.parse, Buffer's base64url, node:crypto (RSA, SHA-256, randomBytes) and
 * stdout. Byte work stays in
 * JS, where it is native; Java only ever sees the parsed values.
 */
final class NodePlatform implements Platform {

    /**
     * One JS call for the ordinary event; null for anything else, which {@link EventReader#read} (the reference)
     * then reads and words. Own members only, as {@link JsJson} reads them.
     */
    @Override
    public EventRead readEvent(Json event) {
        EventView view = eventView(((JsJson) event).value);
        if (view == null) {
            return EventReader.read(event);
        }
        return new EventRead.Ok(new ViewerRequest(view.getRequestId(), view.getUri(), view.getMethod(),
                view.getQuerystring(), new JsJson(view.getHeaders(), Json.Kind.OBJECT),
                new JsJson(view.getRequest(), Json.Kind.OBJECT)));
    }

    /** One JS call for a well-formed header (or none); anything else is left to {@link HeaderValues#of}. */
    @Override
    public HeaderValues headerValues(Json headers, String lowercaseName) {
        JSObject values = headerList(((JsJson) headers).value, lowercaseName);
        if (values == null) {
            return HeaderValues.of(headers, lowercaseName);
        }
        int count = arrayLength(values);
        return count == 0 ? HeaderValues.NONE : new HeaderValues.Values(new JsStrings(values, count));
    }

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

    @JSBody(params = "a", script = "return a.length;")
    private static native int arrayLength(JSObject a);

    /** EventReader's checks, in its order; null as soon as one fails (or anything looks unusual). */
    @JSBody(params = "e", script = "const own = Object.prototype.hasOwnProperty;"
            + "const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);"
            + "if (!isObject(e)) return null;"
            + "const records = own.call(e, 'Records') ? e.Records : undefined;"
            + "if (!Array.isArray(records) || records.length !== 1) return null;"
            + "const record = records[0];"
            + "const cf = isObject(record) && own.call(record, 'cf') ? record.cf : undefined;"
            + "if (!isObject(cf)) return null;"
            + "const config = own.call(cf, 'config') ? cf.config : undefined;"
            + "if (!isObject(config)) return null;"
            + "const requestId = own.call(config, 'requestId') ? config.requestId : undefined;"
            + "if (own.call(config, 'eventType') && config.eventType !== 'viewer-request') return null;"
            + "const request = own.call(cf, 'request') ? cf.request : undefined;"
            + "if (!isObject(request)) return null;"
            + "const uri = own.call(request, 'uri') ? request.uri : undefined;"
            + "if (typeof uri !== 'string') return null;"
            + "const headers = own.call(request, 'headers') ? request.headers : undefined;"
            + "if (!isObject(headers)) return null;"
            + "const method = own.call(request, 'method') ? request.method : undefined;"
            + "const querystring = own.call(request, 'querystring') ? request.querystring : undefined;"
            + "return {requestId: typeof requestId === 'string' ? requestId : '', uri: uri,"
            + " method: typeof method === 'string' ? method : '',"
            + " querystring: typeof querystring === 'string' ? querystring : '', headers: headers, request: request};")
    private static native EventView eventView(JSObject e);

    /** HeaderValues.of's checks: the values of a list of {key, value} objects, [] when absent, else null. */
    @JSBody(params = {"headers", "name"}, script = "if (!Object.prototype.hasOwnProperty.call(headers, name))"
            + " return [];"
            + "const list = headers[name];"
            + "if (!Array.isArray(list)) return null;"
            + "const values = new Array(list.length);"
            + "for (let i = 0; i < list.length; i++) {"
            + " const entry = list[i];"
            + " if (entry === null || typeof entry !== 'object' || Array.isArray(entry)"
            + "   || !Object.prototype.hasOwnProperty.call(entry, 'value') || typeof entry.value !== 'string')"
            + "  return null;"
            + " values[i] = entry.value; }"
            + "return values;")
    private static native JSObject headerList(JSObject headers, String name);

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
