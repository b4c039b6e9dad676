package site.paywall.edge.jvm.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code edge-bundle}: validates a site config, inlines its JWKS and pages, writes the Lambda@Edge package. */
@Command(name = "edge-bundle", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Builds the Lambda@Edge viewer-request package (runtime nodejs22.x, handler index.handler):",
            "  OUT/lambda-edge/{index.js, authorizer.js, config.json} and OUT/lambda-edge.zip.",
            "The JWKS is baked in: from --jwks-file, the config's \"jwks\" or \"jwksFile\", or fetched now from",
            "\"jwksUrl\" or <issuer>/.well-known/jwks.json. The function never fetches keys; with \"signIn\" its",
            "only network use is the sign-in flow's calls to the hosted-UI domain (token, refresh, revoke)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "2:usage error", "3:a file cannot be read", "4:a file is not valid JSON",
            "5:the config is invalid (every problem is listed)", "6:the JWKS cannot be fetched",
            "8:the output cannot be written, or the zip exceeds 1 MB", "1:an internal error (a bug: please report it)"})
final class BundleCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "site config (JSON)")
    private Path config;

    @Option(names = "--jwks-file", paramLabel = "FILE", description = "JWKS to bake in instead of the config's")
    private Path jwksFile;

    @Option(names = "--out-dir", paramLabel = "DIR", defaultValue = "edge-auth/target",
            description = "where lambda-edge/ and lambda-edge.zip go (default: ${DEFAULT-VALUE})")
    private Path outDir;

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        ObjectNode resolved = SourceConfig.resolve(config, Optional.ofNullable(jwksFile), JwksFetcher::fetch,
                err::println);
        Path directory = outDir.resolve("lambda-edge");
        Path zip = outDir.resolve("lambda-edge.zip");
        long size;
        try {
            BundleWriter.writeDirectory(directory, resolved);
            size = BundleWriter.writeZip(directory, zip);
        } catch (IOException e) {
            throw new ToolError(ToolError.OUTPUT_FAILED, "cannot write the bundle under " + outDir + ": "
                    + JsonFiles.describe(e));
        }
        if (size > BundleWriter.MAX_ZIP_BYTES) {
            throw new ToolError(ToolError.OUTPUT_FAILED, zip + " is " + size + " bytes; Lambda@Edge accepts at most "
                    + BundleWriter.MAX_ZIP_BYTES + " for a viewer-request function");
        }
        var out = spec.commandLine().getOut();
        out.println("wrote " + directory + "/ (index.js, authorizer.js, config.json)");
        out.println("wrote " + zip + " (" + size + " bytes; Lambda@Edge viewer-request limit "
                + BundleWriter.MAX_ZIP_BYTES + ")");
        out.println("issuer " + resolved.path("issuer").asText(
                site.paywall.edge.core.config.EdgeConfig.cognitoIssuer(resolved.path("region").asText(),
                        resolved.path("userPoolId").asText()))
                + ", " + resolved.path("jwks").path("keys").size() + " JWKS key(s), "
                + resolved.path("rules").size() + " rule(s); deploy with runtime nodejs22.x, handler index.handler");
        return 0;
    }
}
