package site.paywall.edge.core.config;

import java.util.List;

/** A parsed configuration, or every problem found in it (each naming the key and what is wrong). */
public sealed interface ConfigResult permits ConfigResult.Valid, ConfigResult.Invalid {

    record Valid(EdgeConfig config) implements ConfigResult { }

    record Invalid(List<String> problems) implements ConfigResult { }
}
