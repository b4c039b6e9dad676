/**
 * Strict encodings every other package reads text with: canonical base64url, strict UTF-8, the hexadecimal digits of
 * percent-encoding. Depends on nothing else in the core, so {@code config} and {@code token} share it without
 * depending on each other.
 */
package site.paywall.edge.core.encoding;
