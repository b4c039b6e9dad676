package site.paywall.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import site.paywall.testsupport.MotoServer;

/**
 * A copy of the repository's deploy scripts and templates with an {@code aws} on PATH that talks to
 * src/test/resources/fake_aws.py, serving on 127.0.0.1 for this test: CloudFormation, STS, CloudFront, Cognito,
 * CloudWatch Logs and EC2's region list simulated on a JSON state this class reads and seeds, S3 the real AWS CLI
 * against a moto server. scripts/edge-bundle is a stand-in that writes a zip depending on the config. One per
 * test; {@link #close()} stops the server.
 */
final class FakeAws implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Decoded templates, keyed by content, shared by every test of the run (decoding imports cfn-lint: a second). */
    private static final Path TEMPLATE_CACHE = Path.of(System.getProperty("java.io.tmpdir"),
            "fake-aws-templates-" + ProcessHandle.current().pid());

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (Stream<Path> files = Files.walk(TEMPLATE_CACHE)) {
                for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException ignored) {
                // temp dir; nothing else to do at exit
            }
        }));
    }

    final Path tmp;
    final Path repo;
    final Path state;
    private final MotoServer moto;
    private final Path realAws;
    private final Process server;
    private final int port;

    FakeAws(Path tmp, MotoServer moto, Path realAws) {
        this.tmp = tmp;
        this.moto = moto;
        this.realAws = realAws;
        try {
            Files.createDirectories(TEMPLATE_CACHE);
            repo = tmp.resolve("repo");
            Repo.copyDeployParts(repo);
            state = Files.createDirectories(tmp.resolve("fake-aws-state"));
            Path bin = Files.createDirectories(tmp.resolve("bin"));
            Files.copy(resource("/fake_aws_client.sh"), bin.resolve("aws"));
            executable(bin.resolve("aws"));
            Path bundler = repo.resolve("scripts/edge-bundle");
            Files.writeString(bundler, """
                    #!/usr/bin/env bash
                    # stand-in for scripts/edge-bundle: records its arguments, writes a zip that depends on the config
                    set -euo pipefail
                    printf '%s\\n' "$@" > "$FAKE_AWS_STATE/edge-bundle.args"
                    [[ "$1" == --config && -f "$2" ]] || { echo "edge-bundle: --config FILE expected" >&2; exit 2; }
                    repo=$(cd "$(dirname "$0")/.." && pwd)
                    mkdir -p "$repo/edge-auth/target"
                    { echo "fake bundle"; cat "$2"; } > "$repo/edge-auth/target/lambda-edge.zip"
                    """);
            executable(bundler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        moto.reset();
        for (String bucket : List.of("test-artifacts", "test-site")) {
            s3api("create-bucket", "--bucket", bucket);
        }
        try {
            ProcessBuilder builder = new ProcessBuilder("python3", resource("/fake_aws.py").toString(), "--serve")
                    .redirectError(ProcessBuilder.Redirect.INHERIT);
            MotoServer.dummyCredentials(builder.environment());
            accountEnvironment(builder.environment());
            server = builder.start();
            String first = new java.io.BufferedReader(new java.io.InputStreamReader(server.getInputStream()))
                    .readLine();
            if (first == null || !first.matches("[0-9]+")) {
                server.destroyForcibly();
                throw new IllegalStateException("fake_aws.py --serve did not print its port: " + first);
            }
            port = Integer.parseInt(first);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void accountEnvironment(Map<String, String> env) {
        env.put("FAKE_AWS_STATE", state.toString());
        env.put("FAKE_AWS_MOTO", moto.endpoint());
        env.put("FAKE_AWS_CACHE", TEMPLATE_CACHE.toString());
        env.put("REAL_AWS", realAws.toString());
    }

    @Override
    public void close() {
        server.destroy();
        try {
            if (!server.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        } catch (InterruptedException e) {
            server.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    // ---- running the scripts ---------------------------------------------------------------------------------

    Proc.Result run(String script, String... args) {
        return run(script, Map.of(), args);
    }

    Proc.Result run(String script, Map<String, String> extraEnv, String... args) {
        List<String> command = new ArrayList<>(List.of("bash", repo.resolve("scripts").resolve(script).toString()));
        command.addAll(List.of(args));
        return Proc.run(command, tmp, Duration.ofMinutes(3), env -> {
            MotoServer.dummyCredentials(env);
            accountEnvironment(env);
            env.put("FAKE_AWS_PORT", Integer.toString(port));
            env.put("PATH", tmp.resolve("bin") + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
            env.putAll(extraEnv);
        });
    }

    /** scripts/deploy --stack-name shop --region eu-west-1 ARGS, which must succeed. */
    Proc.Result deploy(String... args) {
        Proc.Result result = run("deploy", withShop(args));
        assertEquals(0, result.exitCode(), result.describe());
        return result;
    }

    static String[] withShop(String... args) {
        List<String> all = new ArrayList<>(List.of("--stack-name", "shop", "--region", "eu-west-1"));
        all.addAll(Arrays.asList(args));
        return all.toArray(String[]::new);
    }

    // ---- the simulated account ----------------------------------------------------------------------------------

    ObjectNode state() {
        Path file = state.resolve("state.json");
        try {
            return Files.exists(file) ? (ObjectNode) JSON.readTree(file.toFile()) : JSON.createObjectNode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void save(ObjectNode account) {
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(state.resolve("state.json").toFile(), account);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A stack as a deploy of these templates leaves it, in {@code status}. */
    ObjectNode stack(String region, String name, String status) {
        ObjectNode all = state();
        ObjectNode stack = all.withObjectProperty("stacks").putObject(region + "/" + name);
        stack.put("status", status);
        stack.putObject("parameters");
        stack.putObject("tags").put("app", "shop").put("site-region", "eu-west-1");
        String kind = name.substring(name.lastIndexOf('-') + 1);
        String template = Map.of("auth", "auth.yaml", "artifacts", "artifacts.yaml", "edge", "edge-function.yaml",
                "site", "site.yaml", "monitoring", "monitoring.yaml").get(kind);
        stack.put("template", repo.resolve("cloudformation/templates").resolve(template).toString());
        stack.put("version", 1);
        save(all);
        return stack;
    }

    /** Changes one stack with {@code edit} and saves the state. */
    void editStack(String region, String name, java.util.function.Consumer<ObjectNode> edit) {
        ObjectNode all = state();
        edit.accept((ObjectNode) all.withObjectProperty("stacks").get(region + "/" + name));
        save(all);
    }

    /** The four stacks of a finished deploy of "shop" in eu-west-1, and both buckets holding something. */
    void deployed() {
        for (String[] stack : List.of(new String[] {"eu-west-1", "shop-auth"},
                new String[] {"us-east-1", "shop-artifacts"},
                new String[] {"us-east-1", "shop-edge"}, new String[] {"eu-west-1", "shop-site"})) {
            stack(stack[0], stack[1], "UPDATE_COMPLETE");
        }
        ObjectNode all = state();
        all.withObjectProperty("userPools").putObject("eu-west-1_AbCdEf123").put("deletionProtection", "ACTIVE")
                .put("users", 3);
        save(all);
        for (String object : List.of("s3://test-site/index.html", "s3://test-site/premium/index.html",
                "s3://test-artifacts/lambda-edge/x.zip")) {
            putObject(object, "content");
        }
    }

    JsonNode stackState(String region, String name) {
        return state().path("stacks").path(region + "/" + name);
    }

    /** The next deploy of the stack fails (a create rolls back, an update rolls back). */
    void failNextDeploy(String region, String name, String why) {
        ObjectNode all = state();
        all.withObjectProperty("deployFailures").put(region + "/" + name, why);
        save(all);
    }

    /** The next {@code times} deletions of the stack end in DELETE_FAILED (Lambda@Edge replicas still there). */
    void failDeletes(String region, String name, int times) {
        ObjectNode all = state();
        all.withObjectProperty("deleteFailures").put(region + "/" + name, times);
        save(all);
    }

    void logGroup(String region, String name, Integer retentionDays) {
        ObjectNode all = state();
        ObjectNode group = all.withObjectProperty("logGroups").withObjectProperty(region).putObject(name);
        if (retentionDays != null) {
            group.put("retentionInDays", retentionDays);
        }
        save(all);
    }

    // ---- what happened ---------------------------------------------------------------------------------------------

    List<String> log(String name) {
        Path file = state.resolve(name);
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each `aws cloudformation deploy`, in order: stack name, then its parameter overrides. */
    List<List<String>> deploys() {
        return log("deploys.log").stream().map(line -> Arrays.stream(line.trim().split(" ")).toList()).toList();
    }

    /** The parameter overrides of the {@code index}-th deploy, by name. */
    Map<String, String> parameters(int index) {
        Map<String, String> out = new TreeMap<>();
        for (String parameter : deploys().get(index).subList(1, deploys().get(index).size())) {
            out.put(parameter.substring(0, parameter.indexOf('=')), parameter.substring(parameter.indexOf('=') + 1));
        }
        return out;
    }

    /** key -> md5 of every object in a moto bucket (through boto3, not the CLI under test). */
    Map<String, String> bucket(String bucket) {
        Proc.Result result = Proc.run(
                List.of("python3", resource("/s3_inventory.py").toString(), moto.endpoint(), bucket), tmp,
                Duration.ofSeconds(60), MotoServer::dummyCredentials);
        assertEquals(0, result.exitCode(), result.describe());
        Map<String, String> md5s = new TreeMap<>();
        try {
            JSON.readTree(result.stdout()).fields()
                    .forEachRemaining(e -> md5s.put(e.getKey(), e.getValue().path("md5").asText()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return md5s;
    }

    boolean bucketExists(String bucket) {
        return Proc.run(List.of(realAws.toString(), "--endpoint-url", moto.endpoint(), "s3api", "head-bucket",
                        "--bucket", bucket),
                tmp, Duration.ofSeconds(60), MotoServer::dummyCredentials).exitCode() == 0;
    }

    void s3api(String... args) {
        List<String> command = new ArrayList<>(List.of(realAws.toString(), "--endpoint-url", moto.endpoint(), "s3api"));
        command.addAll(List.of(args));
        Proc.Result result = Proc.run(command, tmp, Duration.ofSeconds(60), MotoServer::dummyCredentials);
        assertEquals(0, result.exitCode(), result.describe());
    }

    void putObject(String s3Url, String content) {
        try {
            Path file = Files.createTempFile(tmp, "object", ".txt");
            Files.writeString(file, content);
            Proc.Result put = Proc.run(List.of(realAws.toString(), "--endpoint-url", moto.endpoint(), "s3", "cp",
                            file.toString(), s3Url),
                    tmp, Duration.ofSeconds(60), MotoServer::dummyCredentials);
            assertEquals(0, put.exitCode(), put.describe());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    static Path resource(String name) {
        try {
            return Path.of(FakeAws.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static void executable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }


    static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }
}
