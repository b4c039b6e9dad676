package site.paywall.edge.bundle;

import java.util.List;
import java.util.Optional;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSBodyImport;
import org.teavm.jso.JSObject;
import site.paywall.edge.core.DecisionLine;
import site.paywall.edge.core.Json;
import site.paywall.edge.core.Platform;
import site.paywall.edge.core.request.EventRead;
import site.paywall.edge.core.request.EventReader;
import site.paywall.edge.core.request.HeaderValues;
import site.paywall.edge.core.request.ViewerRequest;
import site.paywall.edge.core.token.CompactJws;
import site.paywall.edge.core.token.JwsRead;
import site.paywall.edge.core.token.TypedClaims;

/**
 * The seam on Node.js (Lambda@Edge): JSON.parse, Buffer's base64url, node:crypto (RSA, SHA-256, randomBytes) and
 * stdout. Byte work stays in
 * JS, where it is native; Java only ever sees the parsed values.
 */
final class NodePlatform implements Platform {

    /**
     * One strict UTF-8 decoder for every segment: bytes that are not UTF-8 throw, and so read as "not JSON", instead
     * of becoming U+FFFD.
     */
    private static final JSObject UTF8 = strictUtf8Decoder();

    /**
     * One JS call for the ordinary event and its two credential headers; for anything else in the event itself,
     * {@link EventReader#read} (the reference) reads and words it, and a credential header the JS finds
     * not well-formed is read by {@link HeaderValues#of}. Own members only, as {@link JsJson} reads them.
     */
    @Override
    public EventRead readEvent(Json event) {
        EventView view = eventView(((JsJson) event).value);
        if (view == null) {
            return EventReader.read(event);
        }
        Json headers = new JsJson(view.getHeaders(), Json.Kind.OBJECT);
        return new EventRead.Ok(new ViewerRequest(view.getRequestId(), view.getUri(), headers,
                new JsJson(view.getRequest(), Json.Kind.OBJECT),
                headerValues(view.getAuthorization(), headers, "authorization"),
                headerValues(view.getCookie(), headers, "cookie")));
    }

    /** A header list the JS read (null: not well-formed, so {@link HeaderValues#of} reads and words it). */
    private static HeaderValues headerValues(JSObject values, Json headers, String lowercaseName) {
        if (values == null) {
            return HeaderValues.of(headers, lowercaseName);
        }
        int count = arrayLength(values);
        return count == 0 ? HeaderValues.NONE : new HeaderValues.Values(new JsStrings(values, count));
    }

    /**
     * One JS call for an ordinary token (structure, alphabet, canonical ends, header); anything else is read — and
     * its refusal worded — by {@link CompactJws#read}.
     */
    @Override
    public JwsRead readJws(String token) {
        JwsView view = jwsView(token, UTF8);
        if (view == null) {
            return CompactJws.read(token, this);
        }
        return new CompactJws(view.getKid(), view.getSigningInput(), view.getPayload(), view.getSignature());
    }

    /** One JS call: the payload decoded, parsed and its claims typed as {@link TypedClaims#read} types them. */
    @Override
    public Optional<TypedClaims> readClaims(String payloadSegment) {
        ClaimsView view = claimsView(payloadSegment, UTF8);
        if (view == null) {
            return Optional.empty();
        }
        JSObject groupArray = view.getGroups();
        int groupCount = arrayLength(groupArray);
        List<String> groups = groupCount == 0 ? List.of() : new JsStrings(groupArray, groupCount);
        return Optional.of(new TypedClaims(view.getIss(), view.getTokenUse(), view.getAud(), view.getClientId(),
                view.getSub(), view.getExp(), view.getIat(), view.getNbf(), groups,
                Optional.ofNullable(view.getCognitoUsername()), Optional.ofNullable(view.getUsername()),
                Optional.ofNullable(view.getEmail())));
    }

    /** One JS call for a well-formed header (or none); anything else is left to {@link HeaderValues#of}. */
    @Override
    public HeaderValues headerValues(Json headers, String lowercaseName) {
        return headerValues(headerList(((JsJson) headers).value, lowercaseName), headers, lowercaseName);
    }

    /** As {@link #headerList} reads it (null: malformed, so no); no value copied into Java. Every denial asks it. */
    @Override
    public boolean headerContains(Json headers, String lowercaseName, String text) {
        JSObject values = headerList(((JsJson) headers).value, lowercaseName);
        return values != null && anyIncludes(values, text);
    }

    @Override
    public Optional<Json> parseJson(String text) {
        return wrap(parse(text));
    }

    @Override
    public Optional<Json> parseBase64UrlJson(String segment) {
        return wrap(parseBase64Url(segment, UTF8));
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

    @Override
    public void logDecision(DecisionLine line) {
        writeDecision(line.requestId(), line.path(), line.decision(), line.status(), line.rule(), line.reason(),
                line.rejection(), line.tokenFrom(), line.sub());
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

    /**
     * EventReader's checks, in its order, and HeaderValues.of's on the two credential headers (each the list's
     * string values, [] when absent, null when not well-formed); null for the whole event as soon as one of the
     * event's own checks fails. Own members only, as JsJson reads them. In every script here, names are words and
     * no helper is a closure made per call: TeaVM's minifier renames the parameters to single letters and leaves
     * the script's own names alone, so a one-letter "let" could collide with a parameter. And every name is
     * declared once per script, even in separate blocks: TeaVM parses the script with an older parser that takes a
     * second "const list" for a redeclaration, and then wraps the script in a function made on every call.
     */
    @JSBody(params = "viewerEvent", script = "const own = Object.prototype.hasOwnProperty;"
            + "if (viewerEvent === null || typeof viewerEvent !== 'object' || Array.isArray(viewerEvent)) return null;"
            + "const records = own.call(viewerEvent, 'Records') ? viewerEvent.Records : undefined;"
            + "if (!Array.isArray(records) || records.length !== 1) return null;"
            + "const record = records[0];"
            + "if (record === null || typeof record !== 'object' || Array.isArray(record)) return null;"
            + "const cloudFront = own.call(record, 'cf') ? record.cf : undefined;"
            + "if (cloudFront === null || typeof cloudFront !== 'object' || Array.isArray(cloudFront)) return null;"
            + "const config = own.call(cloudFront, 'config') ? cloudFront.config : undefined;"
            + "if (config === null || typeof config !== 'object' || Array.isArray(config)) return null;"
            + "const requestId = own.call(config, 'requestId') ? config.requestId : undefined;"
            + "if (own.call(config, 'eventType') && config.eventType !== 'viewer-request') return null;"
            + "const request = own.call(cloudFront, 'request') ? cloudFront.request : undefined;"
            + "if (request === null || typeof request !== 'object' || Array.isArray(request)) return null;"
            + "const uri = own.call(request, 'uri') ? request.uri : undefined;"
            + "if (typeof uri !== 'string') return null;"
            + "const headers = own.call(request, 'headers') ? request.headers : undefined;"
            + "if (headers === null || typeof headers !== 'object' || Array.isArray(headers)) return null;"
            + "let authorization = [];"
            + "if (own.call(headers, 'authorization')) {"
            + " const authorizationList = headers.authorization;"
            + " authorization = Array.isArray(authorizationList) ? new Array(authorizationList.length) : null;"
            + " for (let index = 0; authorization !== null && index < authorizationList.length; index++) {"
            + "  const entry = authorizationList[index];"
            + "  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)"
            + "    || !own.call(entry, 'value') || typeof entry.value !== 'string') authorization = null;"
            + "  else authorization[index] = entry.value; } }"
            + "let cookie = [];"
            + "if (own.call(headers, 'cookie')) {"
            + " const cookieList = headers.cookie;"
            + " cookie = Array.isArray(cookieList) ? new Array(cookieList.length) : null;"
            + " for (let position = 0; cookie !== null && position < cookieList.length; position++) {"
            + "  const cookieEntry = cookieList[position];"
            + "  if (cookieEntry === null || typeof cookieEntry !== 'object' || Array.isArray(cookieEntry)"
            + "    || !own.call(cookieEntry, 'value') || typeof cookieEntry.value !== 'string') cookie = null;"
            + "  else cookie[position] = cookieEntry.value; } }"
            + "return {requestId: typeof requestId === 'string' ? requestId : '', uri: uri, headers: headers,"
            + " request: request, authorization: authorization, cookie: cookie};")
    private static native EventView eventView(JSObject viewerEvent);

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

    @JSBody(params = {"values", "text"}, script = "for (let i = 0; i < values.length; i++) {"
            + " if (values[i].includes(text)) return true; }"
            + "return false;")
    private static native boolean anyIncludes(JSObject values, String text);

    @JSBody(params = "s", script = "return /^[A-Za-z0-9_-]*$/.test(s);")
    private static native boolean matchesBase64UrlAlphabet(String s);

    @JSBody(params = "text", script = "try { return JSON.parse(text); } catch (e) { return undefined; }")
    private static native JSObject parse(String text);

    /**
     * {@code decode(buffer)}: Buffer's own UTF-8 decoding, which turns every invalid sequence into U+FFFD, so a
     * result without U+FFFD came from valid UTF-8; only a result with one (a genuine U+FFFD, or invalid bytes) is
     * decoded again by a fatal TextDecoder (made on first need: creating one costs 0.15 ms of a cold start, and
     * decoding is no faster than toString). A TextDecoder without streaming keeps no state between calls.
     */
    @JSBody(script = "let fatal = null;"
            + "return {decode: (bytes) => {"
            + "  const text = bytes.toString('utf8');"
            + "  if (text.indexOf('\\uFFFD') < 0) return text;"
            + "  if (fatal === null) fatal = new TextDecoder('utf-8', {fatal: true, ignoreBOM: true});"
            + "  return fatal.decode(bytes);"
            + "}};")
    private static native JSObject strictUtf8Decoder();

    @JSBody(params = {"s", "utf8"}, script = "try { return JSON.parse(utf8.decode(Buffer.from(s, 'base64url'))); }"
            + " catch (e) { return undefined; }")
    private static native JSObject parseBase64Url(String s, JSObject utf8);

    /**
     * CompactJws.read's checks, in one pass: at most 8,192 characters; three non-empty segments of the base64url
     * alphabet; each a canonical length whose last character has no unused bits set; a header that decodes as
     * strict UTF-8 to a JSON object with own members alg exactly "RS256", no crit and a string kid. Null as soon as
     * one fails.
     */
    @JSBody(params = {"token", "utf8"}, script = "if (token.length > 8192"
            + " || !/^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$/.test(token)) return null;"
            + "const first = token.indexOf('.');"
            + "const last = token.lastIndexOf('.');"
            + "for (let segment = 0; segment < 3; segment++) {"
            + " const start = segment === 0 ? 0 : segment === 1 ? first + 1 : last + 1;"
            + " const end = segment === 0 ? first : segment === 1 ? last : token.length;"
            + " const rest = (end - start) & 3;"
            + " if (rest === 1) return null;"
            + " if (rest !== 0) { const code = token.charCodeAt(end - 1);"
            + "  const sextet = code >= 97 ? code - 71 : code === 95 ? 63 : code >= 65 ? code - 65"
            + "   : code >= 48 ? code + 4 : 62;"
            + "  if ((sextet & (rest === 2 ? 15 : 3)) !== 0) return null; } }"
            + "let header;"
            + "try { header = JSON.parse(utf8.decode(Buffer.from(token.slice(0, first), 'base64url'))); }"
            + " catch (e) { return null; }"
            + "const own = Object.prototype.hasOwnProperty;"
            + "if (header === null || typeof header !== 'object' || Array.isArray(header)"
            + " || !own.call(header, 'alg') || header.alg !== 'RS256' || own.call(header, 'crit')"
            + " || !own.call(header, 'kid') || typeof header.kid !== 'string') return null;"
            + "return {kid: header.kid, signingInput: token.slice(0, last), payload: token.slice(first + 1, last),"
            + " signature: token.slice(last + 1)};")
    private static native JwsView jwsView(String token, JSObject utf8);

    /**
     * TypedClaims.read's checks on the decoded payload: own members only; iss, token_use and a non-empty sub
     * strings; aud and client_id strings or absent (""); exp and iat numbers in 0…253402300799 (floored), nbf one
     * too or absent (-Infinity); cognito:groups an array of strings or absent ([]). Null as soon as one fails.
     */
    @JSBody(params = {"segment", "utf8"}, script = "let claims;"
            + "try { claims = JSON.parse(utf8.decode(Buffer.from(segment, 'base64url'))); } catch (e) { return null; }"
            + "if (claims === null || typeof claims !== 'object' || Array.isArray(claims)) return null;"
            + "const own = Object.prototype.hasOwnProperty;"
            + "const iss = own.call(claims, 'iss') ? claims.iss : undefined;"
            + "const tokenUse = own.call(claims, 'token_use') ? claims.token_use : undefined;"
            + "const sub = own.call(claims, 'sub') ? claims.sub : undefined;"
            + "const aud = own.call(claims, 'aud') ? claims.aud : '';"
            + "const clientId = own.call(claims, 'client_id') ? claims.client_id : '';"
            + "const exp = own.call(claims, 'exp') ? claims.exp : undefined;"
            + "const iat = own.call(claims, 'iat') ? claims.iat : undefined;"
            + "if (typeof iss !== 'string' || typeof tokenUse !== 'string' || typeof sub !== 'string'"
            + " || sub.length === 0 || typeof aud !== 'string' || typeof clientId !== 'string'"
            + " || typeof exp !== 'number' || !(exp >= 0 && exp <= 253402300799)"
            + " || typeof iat !== 'number' || !(iat >= 0 && iat <= 253402300799)) return null;"
            + "let nbf = -Infinity;"
            + "if (own.call(claims, 'nbf')) { nbf = claims.nbf;"
            + " if (typeof nbf !== 'number' || !(nbf >= 0 && nbf <= 253402300799)) return null;"
            + " nbf = Math.floor(nbf); }"
            + "let groups = [];"
            + "if (own.call(claims, 'cognito:groups')) { groups = claims['cognito:groups'];"
            + " if (!Array.isArray(groups)) return null;"
            + " for (let index = 0; index < groups.length; index++) {"
            + "  if (typeof groups[index] !== 'string') return null; } }"
            + "const cognitoUsername = own.call(claims, 'cognito:username') ? claims['cognito:username'] : null;"
            + "const username = own.call(claims, 'username') ? claims.username : null;"
            + "const email = own.call(claims, 'email') ? claims.email : null;"
            + "return {iss: iss, tokenUse: tokenUse, aud: aud, clientId: clientId, sub: sub, exp: Math.floor(exp),"
            + " iat: Math.floor(iat), nbf: nbf, groups: groups,"
            + " cognitoUsername: typeof cognitoUsername === 'string' ? cognitoUsername : null,"
            + " username: typeof username === 'string' ? username : null,"
            + " email: typeof email === 'string' ? email : null};")
    private static native ClaimsView claimsView(String segment, JSObject utf8);

    @JSBody(params = "jwk", script = "try { return crypto.createPublicKey({format: 'jwk',"
            + " key: {kty: 'RSA', n: jwk.n, e: jwk.e}}); } catch (e) { return undefined; }",
            imports = @JSBodyImport(alias = "crypto", fromModule = "node:crypto"))
    private static native JSObject importJwk(JSObject jwk);

    /**
     * The streaming Verify rather than one-shot crypto.verify: on Node 20 it is 1.5-2 µs faster per token (the
     * one-shot call goes through a job object and two Buffers). The input is ASCII (the alphabet was checked), so
     * its latin1 bytes are the token's bytes; the signature's base64url was checked canonical.
     */
    @JSBody(params = {"key", "input", "sig"}, script = "try { return crypto.createVerify('RSA-SHA256')"
            + ".update(input, 'latin1').verify(key, sig, 'base64url'); } catch (e) { return false; }",
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

    /** DecisionLine.toJson's object, built and written in one call. */
    @JSBody(params = {"requestId", "path", "decision", "status", "rule", "reason", "rejection", "tokenFrom", "sub"},
            script = "const line = {requestId: requestId, path: path, decision: decision};"
            + "if (status !== 0) line.status = status;"
            + "if (rule !== '') line.rule = rule;"
            + "line.reason = reason;"
            + "if (rejection !== '') line.rejection = rejection;"
            + "if (tokenFrom !== '') line.tokenFrom = tokenFrom;"
            + "if (sub !== '') line.sub = sub;"
            + "process.stdout.write(JSON.stringify(line) + '\\n');")
    private static native void writeDecision(String requestId, String path, String decision, int status,
                                             String rule, String reason, String rejection, String tokenFrom,
                                             String sub);

    /** stdout, which Lambda ships to CloudWatch; console.log would add util.format's cost to every request. */
    @JSBody(params = "line", script = "process.stdout.write(line + '\\n');")
    private static native void writeLine(String line);
}
