/**
 * Strict encodings every other package reads text with: canonical base64url and strict UTF-8. Depends on nothing
 * else in the core, so {@code config} and {@code token} share it without depending on each other.
 */
package site.paywall.edge.core.encoding;
