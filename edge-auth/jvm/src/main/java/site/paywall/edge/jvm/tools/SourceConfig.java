package site.paywall.edge.jvm.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import site.paywall.edge.core.config.EdgeConfig;
import site.paywall.edge.jvm.JvmPlatform;
import site.paywall.edge.jvm.engine.InvalidConfigException;
import site.paywall.edge.jvm.engine.JvmEngine;

/**
 * Turns the operator's config file into the one baked into the bundle: the JWKS inlined (from --jwks-file, the
 * config's {@code jwks} or {@code jwksFile}, or fetched from {@code jwksUrl} / the issuer), error pages read from
 * {@code errorPages} into {@code errorPageHtml}, then validated exactly as the edge will validate it.
 */
final class SourceConfig {

    private SourceConfig() { }

    /**
     * @param jwksFileOverride --jwks-file, taking precedence over the config
     * @param fetcher          fetches a JWKS URL (the network is touched only here, at build time)
     * @param note             progress and notes for the operator (stderr)
     */
    static ObjectNode resolve(Path configFile, Optional<Path> jwksFileOverride, Function<String, JsonNode> fetcher,
                              Consumer<String> note) {
        JsonNode source = JsonFiles.readJson(configFile, "config");
        if (!source.isObject()) {
            throw new ToolError(ToolError.INVALID_CONFIG, "config " + configFile + " must be a JSON object");
        }
        ObjectNode config = ((ObjectNode) source).deepCopy();
        Path base = Optional.ofNullable(configFile.toAbsolutePath().getParent()).orElse(Path.of("."));
        resolveJwks(config, base, jwksFileOverride, fetcher, note);
        resolveErrorPages(config, base);
        config.remove("jwksUrl");
        try {
            JvmEngine.validate(config, JvmPlatform.system());
        } catch (InvalidConfigException e) {
            throw new ToolError(ToolError.INVALID_CONFIG, "invalid config " + configFile + ":\n  "
                    + String.join("\n  ", e.problems()));
        }
        return config;
    }

    private static void resolveJwks(ObjectNode config, Path base, Optional<Path> override,
                                    Function<String, JsonNode> fetcher, Consumer<String> note) {
        JsonNode jwksFile = config.remove("jwksFile");
        if (override.isPresent()) {
            if (config.has("jwks") || jwksFile != null) {
                note.accept("note: --jwks-file replaces the JWKS named in the config");
            }
            config.set("jwks", JsonFiles.readJson(override.get(), "JWKS file"));
            return;
        }
        if (jwksFile != null) {
            if (config.has("jwks")) {
                throw new ToolError(ToolError.INVALID_CONFIG, "config has both \"jwks\" and \"jwksFile\"; keep one");
            }
            if (!jwksFile.isTextual() || jwksFile.textValue().isEmpty()) {
                throw new ToolError(ToolError.INVALID_CONFIG, "jwksFile: must be a file path (relative to the"
                        + " config file)");
            }
            config.set("jwks", JsonFiles.readJson(base.resolve(jwksFile.textValue()), "JWKS file"));
            return;
        }
        if (config.has("jwks")) {
            return;
        }
        Optional<String> url = jwksUrl(config);
        if (url.isEmpty()) {
            return; // Validation reports the missing JWKS together with whatever hid the issuer.
        }
        note.accept("fetching the JWKS from " + url.get());
        config.set("jwks", fetcher.apply(url.get()));
    }

    private static Optional<String> jwksUrl(ObjectNode config) {
        if (config.path("jwksUrl").isTextual()) {
            return Optional.of(config.get("jwksUrl").textValue());
        }
        if (config.path("issuer").isTextual()) {
            return Optional.of(config.get("issuer").textValue() + "/.well-known/jwks.json");
        }
        if (config.path("region").isTextual() && config.path("userPoolId").isTextual()) {
            return Optional.of(EdgeConfig.cognitoIssuer(config.get("region").textValue(),
                    config.get("userPoolId").textValue()) + "/.well-known/jwks.json");
        }
        return Optional.empty();
    }

    private static void resolveErrorPages(ObjectNode config, Path base) {
        JsonNode pages = config.remove("errorPages");
        if (pages == null) {
            return;
        }
        if (!pages.isObject()) {
            throw new ToolError(ToolError.INVALID_CONFIG, "errorPages: must be an object of status → HTML file"
                    + " path (relative to the config file)");
        }
        if (config.has("errorPageHtml")) {
            throw new ToolError(ToolError.INVALID_CONFIG, "config has both \"errorPages\" and \"errorPageHtml\";"
                    + " keep one");
        }
        ObjectNode html = config.putObject("errorPageHtml");
        for (Iterator<Map.Entry<String, JsonNode>> it = pages.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> page = it.next();
            if (!page.getValue().isTextual() || page.getValue().textValue().isEmpty()) {
                throw new ToolError(ToolError.INVALID_CONFIG, "errorPages." + page.getKey()
                        + ": must be an HTML file path");
            }
            html.put(page.getKey(), JsonFiles.readText(base.resolve(page.getValue().textValue()),
                    "error page errorPages." + page.getKey()));
        }
    }
}
