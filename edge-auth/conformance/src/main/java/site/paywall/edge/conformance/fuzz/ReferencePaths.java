package site.paywall.edge.conformance.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The fuzzer's own reading of the path half of the contract, written independently of the core's CanonicalPath and
 * PathPattern (regexes and the JDK's strict UTF-8 decoder instead of hand-written loops): which object a URI names
 * once S3 percent-decodes it, whether that reading is unambiguous, and which rule of the config covers it.
 */
public final class ReferencePaths {

    /** What a rule lets through. */
    public sealed interface Allow permits Allow.Public, Allow.SignedIn, Allow.Groups {
        record Public() implements Allow { }

        record SignedIn() implements Allow { }

        record Groups(List<String> groups) implements Allow { }
    }

    /** One rule: its glob as a regex, and who it admits. */
    public record Rule(String glob, Pattern regex, Allow allow) { }

    /** The verdict on a URI: the decoded path, or why it is not canonical. */
    public record Reading(Optional<String> path, String problem) {
        boolean canonical() {
            return path.isPresent();
        }
    }

    private static final Pattern PERCENT = Pattern.compile("%[0-9A-Fa-f]{2}");
    private static final int MAX_URI = 8192;

    private final List<Rule> rules = new ArrayList<>();

    /** The rules of a resolved config ({@code rules: [{path, allow}]}), in order. */
    public ReferencePaths(JsonNode config) {
        for (JsonNode rule : config.get("rules")) {
            String glob = rule.get("path").textValue();
            JsonNode allow = rule.get("allow");
            Allow access;
            if (allow.isArray()) {
                List<String> groups = new ArrayList<>();
                allow.forEach(g -> groups.add(g.textValue()));
                access = new Allow.Groups(List.copyOf(groups));
            } else if ("public".equals(allow.textValue())) {
                access = new Allow.Public();
            } else {
                access = new Allow.SignedIn();
            }
            rules.add(new Rule(glob, globRegex(glob), access));
        }
    }

    /** {@code *}: any run of characters, slashes included; {@code ?}: one character; the rest literally. */
    private static Pattern globRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    /** The first rule whose glob matches the whole decoded path. */
    public Optional<Rule> ruleFor(String decodedPath) {
        for (Rule rule : rules) {
            if (rule.regex().matcher(decodedPath).matches()) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    /**
     * A URI is canonical when it starts with "/", is at most 8192 characters, holds only visible ASCII other than
     * "\" (anything else percent-encoded; a raw "+" reads as a space, as S3 reads it), every "%" starts a valid
     * escape, no escape encodes "/" or "\", the decoded bytes are strict UTF-8 without C0/C1 control characters or
     * DEL, and the decoded path has no empty segment (a trailing "/" aside) and no "." or ".." segment.
     */
    public static Reading read(String uri) {
        if (!uri.startsWith("/")) {
            return no("does not start with /");
        }
        if (uri.length() > MAX_URI) {
            return no("longer than 8192");
        }
        ByteBuffer bytes = ByteBuffer.allocate(uri.length());
        int i = 0;
        while (i < uri.length()) {
            char c = uri.charAt(i);
            if (c == '%') {
                if (i + 3 > uri.length() || !PERCENT.matcher(uri.substring(i, i + 3)).matches()) {
                    return no("bad escape");
                }
                int b = Integer.parseInt(uri.substring(i + 1, i + 3), 16);
                if (b == 0x2f || b == 0x5c) {
                    return no("encoded separator");
                }
                bytes.put((byte) b);
                i += 3;
            } else if (c == '+') {
                bytes.put((byte) ' ');
                i++;
            } else if (c < 0x21 || c > 0x7e || c == '\\') {
                return no("raw character not allowed");
            } else {
                bytes.put((byte) c);
                i++;
            }
        }
        bytes.flip();
        String decoded;
        try {
            CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
            CharBuffer chars = decoder.decode(bytes);
            decoded = chars.toString();
        } catch (CharacterCodingException e) {
            return no("not UTF-8");
        }
        if (decoded.codePoints().anyMatch(cp -> cp < 0x20 || (cp >= 0x7f && cp <= 0x9f))) {
            return no("control character");
        }
        String[] segments = decoded.substring(1).split("/", -1);
        for (int s = 0; s < segments.length; s++) {
            boolean last = s == segments.length - 1;
            if (segments[s].isEmpty() && !last) {
                return no("empty segment");
            }
            if (segments[s].equals(".") || segments[s].equals("..")) {
                return no("dot segment");
            }
        }
        return new Reading(Optional.of(decoded), "");
    }

    private static Reading no(String problem) {
        return new Reading(Optional.empty(), problem);
    }
}
