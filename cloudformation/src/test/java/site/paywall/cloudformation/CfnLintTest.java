package site.paywall.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cfn-lint on every template: no error and no warning, in the regions the templates may be deployed to. Exit
 * code bits: 2 errors, 4 warnings, 8 informational.
 */
class CfnLintTest {
    /** us-east-1 for all four; two more regions for the auth and site stacks, which may live elsewhere. */
    private static final List<String> REGIONS = List.of("us-east-1", "eu-west-1", "ap-southeast-2");

    private static Proc.Result lint(List<Path> templates, List<String> regions) {
        Proc.require("cfn-lint", "install cfn-lint for Python 3 (pip install cfn-lint)");
        List<String> command = new ArrayList<>(List.of("cfn-lint", "--format", "parseable", "--regions"));
        command.addAll(regions);
        command.add("--");
        templates.forEach(template -> command.add(template.toString()));
        return Proc.run(command, Repo.root(), Duration.ofMinutes(3));
    }

    @Test
    void everyTemplateDirectoryEntryIsLinted() throws IOException {
        try (Stream<Path> files = Files.list(Repo.templates())) {
            List<String> onDisk = files.map(path -> path.getFileName().toString()).sorted().toList();
            assertEquals(Repo.TEMPLATE_FILES.stream().sorted().toList(), onDisk,
                    "cloudformation/templates/ and Repo.TEMPLATE_FILES must list the same templates");
        }
    }

    @Test
    void edgeCodeBucketAndAlarmTemplatesLintCleanInUsEast1() {
        Proc.Result result = lint(List.of(Repo.template("edge-function.yaml"), Repo.template("artifacts.yaml"),
                Repo.template("monitoring.yaml")), List.of("us-east-1"));
        assertEquals(0, result.exitCode(), "cfn-lint reported problems:\n" + result.stdout() + result.stderr());
    }

    @Test
    void authAndSiteTemplatesLintCleanInEveryRegionWeTry() {
        Proc.Result result = lint(List.of(Repo.template("auth.yaml"), Repo.template("site.yaml")), REGIONS);
        assertEquals(0, result.exitCode(), "cfn-lint reported problems:\n" + result.stdout() + result.stderr());
    }

    @Test
    void cfnLintDoesReportAnErrorOnABrokenCopy(@TempDir Path tmp) throws IOException {
        String site = Files.readString(Repo.template("site.yaml"));
        assertTrue(site.contains("HttpVersion: http2and3"));
        Path broken = tmp.resolve("site-broken.yaml");
        Files.writeString(broken, site.replace("HttpVersion: http2and3", "HttpVersion: http4"));

        Proc.Result result = lint(List.of(broken), List.of("us-east-1"));

        assertTrue((result.exitCode() & 2) != 0,
                "cfn-lint should report an error:\n" + result.stdout() + result.stderr());
        assertTrue(result.stdout().contains("http4"), result.stdout());
    }
}
