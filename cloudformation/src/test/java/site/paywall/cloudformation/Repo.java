package site.paywall.cloudformation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

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

    /** What scripts/deploy and scripts/destroy read from the repository, for a test's private copy of it. */
    static final List<String> DEPLOY_PARTS = List.of("scripts/deploy", "scripts/destroy", "scripts/deploy-lib",
            "cloudformation/templates", "static-site", "edge-auth/examples/site.json");

    /** Copies {@link #DEPLOY_PARTS} into {@code target} (a fresh directory standing for the repository). */
    static void copyDeployParts(Path target) throws IOException {
        for (String part : DEPLOY_PARTS) {
            copy(root().resolve(part), target.resolve(part));
        }
    }

    /** Copies a file or a whole tree, keeping file attributes (the scripts stay executable). */
    static void copy(Path source, Path target) throws IOException {
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path path : walk.toList()) {
                Path to = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(to);
                } else {
                    Files.createDirectories(to.getParent());
                    Files.copy(path, to, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
