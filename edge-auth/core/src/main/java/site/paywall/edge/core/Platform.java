package site.paywall.edge.core;

import java.util.Optional;
import site.paywall.edge.core.request.EventRead;
import site.paywall.edge.core.request.EventReader;
import site.paywall.edge.core.request.HeaderValues;
import site.paywall.edge.core.token.CompactJws;
import site.paywall.edge.core.token.JwsRead;
import site.paywall.edge.core.token.TypedClaims;

/**
 * The one seam between the core and its runtime: everything that differs between the JVM and Node.js
 * (Lambda@Edge) lives behind it — JSON parsing and building, base64url decoding, RSA verification, SHA-256, secure
 * randomness, the clock and the log. HTTP is not on it: the core describes the one Cognito call a sign-in step needs
 * ({@code site.paywall.edge.core.signin.CognitoCall}) and the runtime's adapter performs it. Implementations:
 * {@code JvmPlatform} (Jackson, JCA) and {@code NodePlatform} (JSON.parse, Buffer, node:crypto). Nothing else in the
 * core knows which runtime it is on.
 *
 * <p><b>Coarse reads.</b> A few reads on every request's path ({@link #readEvent}, {@link #headerValues},
 * {@link #readJws}, {@link #readClaims}) are on the seam only for speed: each defaults to its reference in the core,
 * named in its javadoc, which is the contract and which the JVM platforms keep. Under Node one JS call recognises
 * the ordinary case and hands anything else to that reference, so the two can only differ on what the JS accepts;
 * the fixtures and the differential fuzzer compare the bundle with the JVM on every case.
 */
public interface Platform {

    /**
     * The viewer-request event, its two credential headers included, read as
     * {@link site.paywall.edge.core.request.EventReader#read} reads it (the reference: same result for every event).
     */
    default EventRead readEvent(Json event) {
        return EventReader.read(event);
    }

    /**
     * One header's values as {@link HeaderValues#of} reads them from CloudFront's header map (the reference: same
     * result for every map and name).
     */
    default HeaderValues headerValues(Json headers, String lowercaseName) {
        return HeaderValues.of(headers, lowercaseName);
    }

    /**
     * Whether any value of one header contains {@code text}, as {@link HeaderValues#of} then
     * {@link HeaderValues#anyContains} answer it (the reference; a malformed header: no). Every denial asks it of
     * {@code Accept}.
     */
    default boolean headerContains(Json headers, String lowercaseName, String text) {
        return HeaderValues.of(headers, lowercaseName).anyContains(text);
    }

    /**
     * A token read up to its signature as {@link CompactJws#read} reads it (the reference: same result, same
     * refusal, for every token).
     */
    default JwsRead readJws(String token) {
        return CompactJws.read(token, this);
    }

    /**
     * A verified token's payload segment read as {@link TypedClaims#read} reads its JSON (the reference): the typed
     * claims, or empty when the payload is not JSON or any claim has an unexpected shape.
     */
    default Optional<TypedClaims> readClaims(String payloadSegment) {
        return parseBase64UrlJson(payloadSegment).flatMap(TypedClaims::read);
    }

    /** Parses RFC 8259 JSON text; empty when the text is not JSON. Duplicate member names: the last one wins. */
    Optional<Json> parseJson(String text);

    /**
     * Decodes one JWT segment — base64url without padding, characters already checked by the caller — as strict
     * UTF-8 and parses the result as JSON. Empty when the bytes are not valid UTF-8 (a replacement character would
     * read differently on each runtime) or the text is not JSON.
     */
    Optional<Json> parseBase64UrlJson(String segment);

    /**
     * True when every character of {@code text} is in the base64url alphabet (A–Z, a–z, 0–9, "-", "_"). On the seam
     * only for speed: a native regex scans a 1 KB token about ten times faster than a character loop compiled to JS.
     */
    boolean isBase64UrlAlphabet(String text);

    /** Imports an RSA public key from a JWK ({@code kty} RSA, {@code n}, {@code e}); empty when it is not usable. */
    Optional<PublicKeyHandle> importRsaPublicKey(Json jwk);

    /**
     * Verifies an RSASSA-PKCS1-v1_5 SHA-256 signature (JWS RS256) over the ASCII signing input. The signature is
     * base64url text already checked by the caller. Never throws: any failure is {@code false}.
     */
    boolean verifyRs256(PublicKeyHandle key, String signingInput, String signatureBase64Url);

    /**
     * Wall-clock time in whole milliseconds since the epoch. A double, not a long: TeaVM compiles {@code long} to a JS
     * BigInt, which made every clock read and time comparison on the hot path an allocation; a double holds every
     * whole millisecond until the year 287,396 exactly.
     */
    double nowMillis();

    /**
     * {@code bytes} bytes from a cryptographically secure generator, as unpadded base64url. The sign-in flow's state
     * and PKCE verifier come from here; tests pin the generator.
     */
    String randomBase64Url(int bytes);

    /** SHA-256 of ASCII text, as unpadded base64url: the PKCE S256 code challenge of a verifier (RFC 7636 §4.2). */
    String sha256Base64Url(String ascii);

    Json newObject();

    Json newArray();

    Json string(String value);

    Json integer(long value);

    /** Compact JSON text of a value. */
    String stringify(Json value);

    /**
     * Makes a value the core hands out again and again (a prebuilt 401, 403… response) read-only, deeply, where the
     * runtime can — Object.freeze under Node — and returns it. Jackson trees cannot be frozen: on the JVM the
     * callers of the core never modify a result.
     */
    Json freeze(Json value);

    /** Writes one line to the runtime's log (CloudWatch at the edge, stderr on the JVM). */
    void log(String line);

    /**
     * Writes one decision-log line, exactly {@link DecisionLine#toJson}'s text, as {@link #log} would. A seam call
     * of its own because it is one per request: under Node a single JS call builds and writes it.
     */
    void logDecision(DecisionLine line);

    /** A public key as the runtime keeps it (a JCA key, a node KeyObject); opaque to the core. */
    interface PublicKeyHandle { }
}
