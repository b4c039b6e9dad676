package site.paywall.cloudformation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where things are: the repository root comes from the {@code repo.root} system property set by the pom. */
final class Repo {
    private Repo() {}

    static Path root() {
        String configured = System.getProperty("repo.root");
        Path root = (configured == null ? Path.of("..") : Path.of(configured)).toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("cloudformation/templates"))) {
            throw new IllegalStateException("repo.root does not point at the repository: " + root);
        }
        return root;
    }

    static Path templates() {
        return root().resolve("cloudformation/templates");
    }

    static Path template(String fileName) {
        return templates().resolve(fileName);
    }

    /** Every template this module ships, by file name. */
    static final List<String> TEMPLATE_FILES =
            List.of("auth.yaml", "artifacts.yaml", "edge-function.yaml", "monitoring.yaml", "site.yaml");

    static Path script(String relative) {
        return root().resolve("scripts").resolve(relative);
    }

    static Path staticSite() {
        return root().resolve("static-site");
    }
}
