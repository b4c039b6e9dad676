package site.paywall.edge.core.config;

/** One entry of {@code rules}: paths matching {@code path} are open to {@code allow}. */
public record AccessRule(PathPattern path, Access allow) { }
