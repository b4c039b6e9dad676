package site.paywall.edge.core.config;

import site.paywall.edge.core.Json;

/** A usable RS256 key of the bundled JWKS: its {@code kid} and the JWK object itself. */
public record SigningKey(String kid, Json jwk) { }
