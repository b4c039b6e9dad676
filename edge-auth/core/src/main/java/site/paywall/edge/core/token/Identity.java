package site.paywall.edge.core.token;

import java.util.List;
import site.paywall.edge.core.config.TokenUse;

/** Who a verified token speaks for: its subject, kind, {@code cognito:groups} and validity window. */
public record Identity(String sub, TokenUse tokenUse, List<String> groups, TokenTimes times) { }
