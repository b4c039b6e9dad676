package site.paywall.edge.jvm.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import site.paywall.edge.jvm.JvmPlatform;
import site.paywall.edge.jvm.TestJwks;

/** edge-bundle and edge-replay as an operator runs them: files in, files and lines out, exit codes. */
class EdgeToolsTest {

    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) { }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = EdgeTools.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private Path writeJson(String name, JsonNode node) throws IOException {
        return write(name, JvmPlatform.STRICT_JSON.writeValueAsString(node));
    }

    private static ObjectNode event(String uri) {
        ObjectNode event = JvmPlatform.STRICT_JSON.createObjectNode();
        ObjectNode cf = event.putArray("Records").addObject().putObject("cf");
        cf.putObject("config").put("distributionDomainName", "d1.cloudfront.net").put("distributionId", "E1")
                .put("eventType", "viewer-request").put("requestId", "req-" + uri.hashCode());
        ObjectNode request = cf.putObject("request").put("clientIp", "203.0.113.9").put("method", "GET")
                .put("querystring", "").put("uri", uri);
        request.putObject("headers").putArray("host").addObject().put("key", "Host").put("value", "d1.cloudfront.net");
        return event;
    }

    @Test
    void bundleWritesTheDeployablePackageWithEverythingInlined() throws IOException {
        ObjectNode config = TestJwks.validConfig();
        Path jwks = writeJson("keys/jwks.json", config.remove("jwks"));
        config.put("jwksFile", "keys/jwks.json");
        config.putObject("errorPages").put("401", "pages/401.html");
        write("pages/401.html", "<!doctype html><title>Sign in</title><p>Paying customers only.</p>");
        Path site = writeJson("site.json", config);
        Path out = dir.resolve("out");

        Run run = run("edge-bundle", "--config", site.toString(), "--out-dir", out.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("lambda-edge.zip"), run.out());
        JsonNode baked = JvmPlatform.parse(Files.readString(out.resolve("lambda-edge/config.json"))).orElseThrow();
        assertEquals(JvmPlatform.parse(Files.readString(jwks)).orElseThrow(), baked.get("jwks"));
        assertTrue(baked.path("errorPageHtml").path("401").asText().contains("Paying customers only."));
        assertFalse(baked.has("jwksFile") || baked.has("errorPages"), "build-time keys stay out of the bundle");
        assertEquals(List.of("authorizer.js", "config.json", "index.js"), zipEntries(out.resolve("lambda-edge.zip")));
        assertTrue(Files.size(out.resolve("lambda-edge.zip")) < BundleWriter.MAX_ZIP_BYTES);
    }

    @Test
    void theSameInputsGiveTheSameZip() throws IOException {
        Path site = writeJson("site.json", TestJwks.validConfig());
        assertEquals(0, run("edge-bundle", "--config", site.toString(), "--out-dir", dir.resolve("a").toString())
                .exitCode());
        assertEquals(0, run("edge-bundle", "--config", site.toString(), "--out-dir", dir.resolve("b").toString())
                .exitCode());
        assertArrayEquals(Files.readAllBytes(dir.resolve("a/lambda-edge.zip")),
                Files.readAllBytes(dir.resolve("b/lambda-edge.zip")));
    }

    @Test
    void jwksFileOptionWinsOverTheConfig() throws IOException {
        ObjectNode other = TestJwks.jwks(TestJwks.rsaJwk("from-option", 2048));
        Path jwks = writeJson("other-jwks.json", other);
        Path site = writeJson("site.json", TestJwks.validConfig());
        Run run = run("edge-bundle", "--config", site.toString(), "--jwks-file", jwks.toString(), "--out-dir",
                dir.resolve("out").toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode baked = JvmPlatform.parse(Files.readString(dir.resolve("out/lambda-edge/config.json"))).orElseThrow();
        assertEquals("from-option", baked.at("/jwks/keys/0/kid").asText());
    }

    @Test
    void bundleFetchesTheJwksAtBuildTime() throws IOException {
        ObjectNode jwks = TestJwks.jwks(TestJwks.rsaJwk("fetched", 2048));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        List<String> requested = new ArrayList<>();
        server.createContext("/", exchange -> {
            requested.add(exchange.getRequestURI().getPath());
            byte[] body = exchange.getRequestURI().getPath().endsWith("/.well-known/jwks.json")
                    ? JvmPlatform.STRICT_JSON.writeValueAsBytes(jwks) : new byte[0];
            exchange.sendResponseHeaders(body.length > 0 ? 200 : 404, body.length > 0 ? body.length : -1);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/us-east-1_AbCdEf123";
            ObjectNode config = TestJwks.validConfig();
            config.remove("jwks");
            config.put("issuer", issuer);
            Run ok = run("edge-bundle", "--config", writeJson("site.json", config).toString(), "--out-dir",
                    dir.resolve("out").toString());
            assertEquals(0, ok.exitCode(), ok.err());
            assertEquals(List.of("/us-east-1_AbCdEf123/.well-known/jwks.json"), requested);
            assertTrue(ok.err().contains("fetching the JWKS from " + issuer + "/.well-known/jwks.json"), ok.err());
            JsonNode baked = JvmPlatform.parse(Files.readString(dir.resolve("out/lambda-edge/config.json")))
                    .orElseThrow();
            assertEquals("fetched", baked.at("/jwks/keys/0/kid").asText());

            config.put("jwksUrl", "http://127.0.0.1:" + server.getAddress().getPort() + "/missing");
            Run missing = run("edge-bundle", "--config", writeJson("site2.json", config).toString(), "--out-dir",
                    dir.resolve("out2").toString());
            assertEquals(ToolError.JWKS_FETCH_FAILED, missing.exitCode());
            assertTrue(missing.err().contains("answered HTTP 404"), missing.err());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void plainHttpJwksIsOnlyForLocalEmulators() throws IOException {
        ObjectNode config = TestJwks.validConfig();
        config.remove("jwks");
        config.put("jwksUrl", "http://cognito.example/jwks.json");
        Run run = run("edge-bundle", "--config", writeJson("site.json", config).toString(), "--out-dir",
                dir.resolve("out").toString());
        assertEquals(ToolError.INVALID_CONFIG, run.exitCode());
        assertTrue(run.err().contains("must be https"), run.err());
    }

    @Test
    void bundleErrorsAreSpecific() throws IOException {
        Run missing = run("edge-bundle", "--config", dir.resolve("nope.json").toString());
        assertEquals(ToolError.UNREADABLE_FILE, missing.exitCode());
        assertTrue(missing.err().contains("cannot read config") && missing.err().contains("no such file"),
                missing.err());

        Run notJson = run("edge-bundle", "--config", write("bad.json", "{\"region\": \"us-east-1\",\n}").toString());
        assertEquals(ToolError.INVALID_JSON, notJson.exitCode());
        assertTrue(notJson.err().contains("is not valid JSON") && notJson.err().contains("line 2"), notJson.err());

        ObjectNode invalid = TestJwks.validConfig();
        invalid.putArray("clientIds");
        ((ObjectNode) invalid.get("rules").get(0)).put("allow", "everyone");
        Run rejected = run("edge-bundle", "--config", writeJson("invalid.json", invalid).toString(), "--out-dir",
                dir.resolve("out").toString());
        assertEquals(ToolError.INVALID_CONFIG, rejected.exitCode());
        assertTrue(rejected.err().contains("clientIds: must be a non-empty array"), rejected.err());
        assertTrue(rejected.err().contains("rules[0].allow: unknown value \"everyone\""), rejected.err());
        assertFalse(Files.exists(dir.resolve("out/lambda-edge.zip")), "nothing is written for an invalid config");

        Run usage = run("edge-bundle");
        assertEquals(2, usage.exitCode());
        assertTrue(usage.err().contains("--config"), usage.err());
    }

    @Test
    void replayPrintsOneLinePerEventAndBothEnginesAgree() throws IOException {
        Path site = writeJson("site.json", TestJwks.validConfig());
        Path publicPage = writeJson("public.json", event("/index.html"));
        Path premium = writeJson("premium.json", event("/premium/report.pdf"));
        Path dotted = writeJson("dotted.json", event("/premium/%2e%2e/secret.pdf"));
        List<List<String>> outputs = new ArrayList<>();
        for (String engine : List.of("jvm", "bundle")) {
            Run run = run("edge-replay", "--config", site.toString(), "--now", "1795780800", "--engine", engine,
                    publicPage.toString(), premium.toString(), dotted.toString());
            assertEquals(0, run.exitCode(), engine + ": " + run.err());
            List<String> lines = run.out().lines().toList();
            assertEquals(3, lines.size(), run.out());
            assertFalse(JvmPlatform.parse(lines.get(0)).orElseThrow().has("status"), "public page forwarded");
            assertEquals("401", JvmPlatform.parse(lines.get(1)).orElseThrow().get("status").asText());
            assertEquals("400", JvmPlatform.parse(lines.get(2)).orElseThrow().get("status").asText());
            // The default decision log ("denials"): the two refusals, not the forward.
            assertEquals(2, run.err().lines().filter(l -> l.contains("\"decision\"")).count(), run.err());
            outputs.add(lines.stream().map(l -> JvmPlatform.parse(l).orElseThrow().toString()).toList());
        }
        assertEquals(outputs.get(0), outputs.get(1));
    }

    @Test
    void serveAnswersEveryLineByIdAndNeverForwardsWhatItCannotRead() throws IOException {
        Path site = writeJson("site.json", TestJwks.validConfig());
        ObjectNode malformed = JvmPlatform.STRICT_JSON.createObjectNode();
        malformed.putArray("Records");
        String stdin = String.join("\n",
                "{\"id\":1,\"event\":" + event("/index.html") + "}",
                "{\"id\":2,\"event\":" + event("/premium/report.pdf") + "}",
                "not json",
                "{\"id\":3}",
                "",
                "{\"id\":4,\"event\":" + malformed + "}") + "\n";
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = EdgeTools.run(new java.io.ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(out, true), new PrintWriter(err, true), "edge-serve", "--config", site.toString());

        assertEquals(0, code, err.toString());
        List<JsonNode> lines = out.toString().lines().map(l -> JvmPlatform.parse(l).orElseThrow()).toList();
        assertEquals("{\"ready\":true}", lines.get(0).toString(), "the first line says the config validated");
        assertEquals(5, lines.size() - 1, "one answer per non-blank line: " + out);
        java.util.Map<String, JsonNode> byId = new java.util.HashMap<>();
        lines.subList(1, lines.size()).forEach(l -> byId.put(l.path("id").toString(), l));
        assertFalse(byId.get("1").path("result").has("status"), "the public page is forwarded: " + byId.get("1"));
        assertEquals("/index.html", byId.get("1").path("result").path("uri").asText());
        assertEquals("401", byId.get("2").path("result").path("status").asText(), byId.get("2").toString());
        assertEquals("a request line is not valid JSON", byId.get("null").path("error").asText());
        assertTrue(byId.get("3").path("error").asText().contains("\"event\""), byId.get("3").toString());
        JsonNode unreadable = byId.get("4");
        assertTrue(unreadable.has("error") || unreadable.path("result").has("status"),
                "a malformed event is answered, never forwarded: " + unreadable);
        assertTrue(err.toString().lines().filter(l -> l.contains("\"decision\"")).count() >= 2,
                "the decisions are logged to stderr: " + err);
    }

    @Test
    void aBugIsOneLineNamingWhereItWasThrownNeverTheInput() {
        String line = EdgeTools.describe(new IllegalStateException("eyJhbGciOi.quoted.token"));
        assertTrue(line.startsWith("internal error: java.lang.IllegalStateException at "
                + EdgeToolsTest.class.getName() + ":"), line);
        assertFalse(line.contains("eyJ") || line.contains("\n"), line);
        assertEquals("error: the JWKS cannot be fetched",
                EdgeTools.describe(new ToolError(ToolError.JWKS_FETCH_FAILED, "the JWKS cannot be fetched")));
    }

    @Test
    void serveRefusesAnInvalidConfigBeforeReadingAnything() throws IOException {
        Path site = write("site.json", "{\"region\": \"us-east-1\"}");
        Run run = run("edge-serve", "--config", site.toString());
        assertEquals(5, run.exitCode(), run.err());
        assertFalse(run.out().contains("ready"), run.out());
    }

    /** The step-by-step sign-in README shows (edge-auth/README.md, "Sign-in, step by step"), on every engine. */
    @Test
    void theExampleSignInReplaysStepByStepOnEveryEngine() throws IOException {
        Path examples = Path.of("../examples/signin").toAbsolutePath().normalize();
        List<String> steps = new ArrayList<>();
        try (var files = Files.list(examples)) {
            files.map(Path::toString).filter(name -> name.matches(".*/0[0-9]-[^/]*\\.json")).sorted()
                    .forEach(steps::add);
        }
        assertEquals(6, steps.size(), steps.toString());
        List<List<String>> outputs = new ArrayList<>();
        for (String engine : List.of("jvm", "core", "bundle")) {
            List<String> args = new ArrayList<>(List.of("edge-replay", "--config",
                    examples.resolve("site.json").toString(), "--now", "1795780800", "--random", "demo", "--engine",
                    engine));
            args.addAll(steps);
            Run run = run(args.toArray(String[]::new));
            assertEquals(0, run.exitCode(), engine + ": " + run.err());
            List<JsonNode> results = run.out().lines().map(l -> JvmPlatform.parse(l).orElseThrow()).toList();
            assertEquals(6, results.size(), run.out());
            JsonNode signIn = results.get(0);
            String location = signIn.at("/headers/location/0/value").asText();
            assertTrue(location.startsWith("https://field-notes-demo.auth.us-east-1.amazoncognito.com/oauth2/authorize?"),
                    location);
            // Step 2's callback carries the state step 1 drew with --random demo: the walkthrough is one sign-in.
            String state = location.replaceAll(".*[?&]state=([^&]+).*", "$1");
            assertTrue(signIn.at("/headers/set-cookie/0/value").asText().startsWith("auth_attempt_" + state + "="));
            assertTrue(Files.readString(Path.of(steps.get(1))).contains("state=" + state));
            assertEquals("/premium/index.html", results.get(1).at("/headers/location/0/value").asText());
            assertEquals(4, results.get(1).at("/headers/set-cookie").size(), "id, access, refresh; attempt cleared");
            assertEquals("/premium/index.html", results.get(2).path("uri").asText(), "forwarded to the folder index");
            assertEquals("/_auth/refresh?return=%2Fpremium%2Findex.html",
                    results.get(3).at("/headers/location/0/value").asText());
            assertEquals("/premium/index.html", results.get(4).at("/headers/location/0/value").asText());
            assertEquals("200", results.get(5).path("status").asText(), "sign-out: a page that moves on to /logout");
            assertTrue(results.get(5).path("body").asText().contains("/logout?client_id="));
            assertEquals(3, results.get(5).at("/headers/set-cookie").size(), "every session cookie expired");
            outputs.add(results.stream().map(JsonNode::toString).toList());
        }
        assertEquals(outputs.get(0), outputs.get(1));
        assertEquals(outputs.get(0), outputs.get(2));
    }

    @Test
    void replayRefusesBadInputBeforePrintingAnything() throws IOException {
        Path site = writeJson("site.json", TestJwks.validConfig());
        Path good = writeJson("good.json", event("/index.html"));

        Run notJson = run("edge-replay", "--config", site.toString(), good.toString(),
                write("broken.json", "{\"Records\": [").toString());
        assertEquals(ToolError.INVALID_JSON, notJson.exitCode());
        assertEquals("", notJson.out());
        assertTrue(notJson.err().contains("event") && notJson.err().contains("broken.json"), notJson.err());

        Run missing = run("edge-replay", "--config", site.toString(), dir.resolve("absent.json").toString());
        assertEquals(ToolError.UNREADABLE_FILE, missing.exitCode());

        Run badNow = run("edge-replay", "--config", site.toString(), "--now", "-5", good.toString());
        assertEquals(2, badNow.exitCode());
        assertTrue(badNow.err().contains("--now must be epoch seconds"), badNow.err());

        Run badEngine = run("edge-replay", "--config", site.toString(), "--engine", "python", good.toString());
        assertEquals(2, badEngine.exitCode());

        ObjectNode invalid = TestJwks.validConfig();
        invalid.put("clockSkewSeconds", 9999);
        Run badConfig = run("edge-replay", "--config", writeJson("invalid.json", invalid).toString(), good.toString());
        assertEquals(ToolError.INVALID_CONFIG, badConfig.exitCode());
        assertTrue(badConfig.err().contains("clockSkewSeconds"), badConfig.err());
    }

    private static List<String> zipEntries(Path zip) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                names.add(entry.getName());
            }
        }
        return names;
    }
}
