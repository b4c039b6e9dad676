package site.paywall.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import site.paywall.testsupport.MotoServer;

/**
 * The upload step of scripts/deploy (scripts/deploy-lib/sync-site) run for real, with the AWS CLI, against a
 * moto S3 server on 127.0.0.1; what it left in the bucket is read back with boto3.
 */
class SiteUploadTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REVALIDATE = "max-age=0, s-maxage=300, must-revalidate";
    private static final String ASSET_CACHE = "public, max-age=3600";

    private static MotoServer moto;
    private static int buckets;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startMoto() {
        Proc.require("aws", "install the AWS CLI (apt-get install awscli, or pip install awscli)");
        moto = MotoServer.start();
    }

    @AfterAll
    static void stopMoto() {
        if (moto != null) {
            moto.close();
        }
    }

    @Test
    void firstUploadStoresEveryFileWithItsContentTypeAndCacheControl() throws IOException {
        String bucket = newBucket();
        Path site = copyOfStaticSite();

        Proc.Result sync = sync(bucket, site);

        Map<String, JsonNode> objects = inventory(bucket);
        Map<String, String> localMd5 = localFiles(site);
        assertEquals(localMd5.keySet(), objects.keySet(), "every file of static-site/ and nothing else");
        localMd5.forEach((key, md5) -> assertEquals(md5, objects.get(key).path("md5").asText(), "body of " + key));

        Map<String, String> expectedTypes = Map.of(
                "index.html", "text/html; charset=utf-8",
                "premium/index.html", "text/html; charset=utf-8",
                "account/index.html", "text/html; charset=utf-8",
                "errors/401.html", "text/html; charset=utf-8",
                "assets/site.css", "text/css; charset=utf-8",
                "assets/favicon.svg", "image/svg+xml",
                "premium/downloads/sample-report.pdf", "application/pdf",
                "robots.txt", "text/plain; charset=utf-8");
        expectedTypes.forEach((key, type) -> assertEquals(type, objects.get(key).path("contentType").asText(),
                "Content-Type of " + key));

        objects.forEach((key, object) -> assertEquals(key.startsWith("assets/") ? ASSET_CACHE : REVALIDATE,
                object.path("cacheControl").asText(), "Cache-Control of " + key));

        assertTrue(sync.stdout().contains(localMd5.size() + " uploaded, 0 deleted, 0 unchanged"), sync.describe());
        List<String> changed = changedPaths();
        assertTrue(changed.containsAll(List.of("/", "/index.html", "/premium/", "/premium/index.html",
                "/premium/downloads/sample-report.pdf", "/assets/site.css")), "changed paths: " + changed);
    }

    @Test
    void objectsThatAreNoLongerInTheSiteAreDeleted() throws IOException {
        String bucket = newBucket();
        putObject(bucket, "old/retired-page.html", "<p>retired</p>");
        putObject(bucket, "premium/downloads/withdrawn-report.pdf", "%PDF-1.4 withdrawn");
        Path site = copyOfStaticSite();

        Proc.Result sync = sync(bucket, site);

        Map<String, JsonNode> objects = inventory(bucket);
        assertFalse(objects.containsKey("old/retired-page.html"), "stale page should be gone: " + objects.keySet());
        assertFalse(objects.containsKey("premium/downloads/withdrawn-report.pdf"), "stale download should be gone");
        assertEquals(localFiles(site).keySet(), objects.keySet());
        assertTrue(sync.stdout().contains(", 2 deleted,"), sync.describe());
        assertTrue(changedPaths()
                .containsAll(List.of("/old/retired-page.html", "/premium/downloads/withdrawn-report.pdf")));
    }

    @Test
    void reRunsUploadAndReportOnlyWhatChanged() throws IOException {
        String bucket = newBucket();
        Path site = copyOfStaticSite();
        sync(bucket, site);
        Map<String, JsonNode> afterFirstUpload = inventory(bucket);

        Proc.Result unchanged = sync(bucket, site);

        assertTrue(unchanged.stdout().contains("0 uploaded, 0 deleted, " + afterFirstUpload.size()
                + " unchanged; 0 changed paths"), unchanged.describe());
        assertFalse(unchanged.stdout().contains("+ aws s3 cp"), "no upload command should run:\n" + unchanged.stdout());
        assertEquals(List.of(), changedPaths(), "nothing to invalidate");
        assertEquals(afterFirstUpload, inventory(bucket));

        Path premium = site.resolve("premium/index.html");
        Files.writeString(premium,
                Files.readString(premium).replace("Premium reports</h1>", "Premium reports, updated</h1>"));
        Files.delete(site.resolve("account/index.html"));

        Proc.Result changed = sync(bucket, site);

        assertTrue(changed.stdout().contains("1 uploaded, 1 deleted"), changed.describe());
        assertEquals(List.of("/account/", "/account/index.html", "/premium/", "/premium/index.html"), changedPaths());
        Map<String, JsonNode> objects = inventory(bucket);
        assertFalse(objects.containsKey("account/index.html"));
        assertEquals(md5(premium), objects.get("premium/index.html").path("md5").asText());
        assertEquals("text/html; charset=utf-8", objects.get("premium/index.html").path("contentType").asText());
    }

    @Test
    void aLargeDownloadUploadedInPartsIsRecognisedByItsChecksumAndNotUploadedAgain() throws IOException {
        String bucket = newBucket();
        Path site = copyOfStaticSite();
        Path big = site.resolve("premium/downloads/big-report.zip");
        byte[] bytes = new byte[9 * 1024 * 1024]; // over the CLI's 8 MB multipart threshold
        new java.util.Random(9).nextBytes(bytes);
        Files.write(big, bytes);
        // An object a previous deploy uploaded in parts, before checksums were kept: uploaded once more, with one.
        aws("s3", "cp", big.toString(), "s3://" + bucket + "/premium/downloads/big-report.zip", "--only-show-errors");
        assertTrue(head(bucket, "premium/downloads/big-report.zip").path("ETag").asText().contains("-"),
                "moto gives a multipart upload a multipart ETag, which is no MD5");

        Proc.Result first = sync(bucket, site);
        assertTrue(first.stdout().contains(localFiles(site).size() + " uploaded, 0 deleted, 0 unchanged"),
                first.describe());
        JsonNode object = head(bucket, "premium/downloads/big-report.zip");
        assertTrue(object.path("ETag").asText().contains("-"), "uploaded in parts again: " + object);
        assertEquals(sha256(big), object.path("Metadata").path("sha256").asText(), "its checksum kept at upload time");
        assertEquals("application/zip", object.path("ContentType").asText());
        assertEquals(REVALIDATE, object.path("CacheControl").asText());

        Proc.Result again = sync(bucket, site);
        assertTrue(again.stdout().contains("0 uploaded, 0 deleted, " + localFiles(site).size()
                + " unchanged; 0 changed paths"), again.describe());
        assertEquals(List.of(), changedPaths(), "an unchanged paid download is neither uploaded nor invalidated again");

        bytes[4_000_000] ^= 1;
        Files.write(big, bytes);
        Proc.Result changed = sync(bucket, site);
        assertTrue(changed.stdout().contains("1 uploaded, 0 deleted"), changed.describe());
        assertEquals(List.of("/premium/downloads/big-report.zip"), changedPaths());
        assertEquals(sha256(big),
                head(bucket, "premium/downloads/big-report.zip").path("Metadata").path("sha256").asText());
        assertEquals(md5(big), inventory(bucket).get("premium/downloads/big-report.zip").path("md5").asText());
    }

    @Test
    void refusesAMissingBucketOptionWithAClearMessage() {
        Proc.Result result = Proc.run(List.of("bash", Repo.script("deploy-lib/sync-site").toString(),
                        "--source", "static-site"),
                Repo.root(), Duration.ofSeconds(30));
        assertEquals(2, result.exitCode(), result.describe());
        assertTrue(result.stderr().contains("--bucket is required"), result.describe());
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private String newBucket() {
        String bucket = "site-upload-test-" + (++buckets);
        aws("s3api", "create-bucket", "--bucket", bucket);
        return bucket;
    }

    private void putObject(String bucket, String key, String body) throws IOException {
        Path file = Files.createTempFile(tmp, "object", ".txt");
        Files.writeString(file, body);
        aws("s3", "cp", file.toString(), "s3://" + bucket + "/" + key, "--only-show-errors");
    }

    private void aws(String... args) {
        List<String> command = Stream.concat(Stream.of("aws", "--endpoint-url", moto.endpoint()), Stream.of(args))
                .toList();
        Proc.Result result = Proc.run(command, tmp, Duration.ofSeconds(60), MotoServer::dummyCredentials);
        assertEquals(0, result.exitCode(), result.describe());
    }

    private JsonNode head(String bucket, String key) {
        Proc.Result result = Proc.run(List.of("aws", "--endpoint-url", moto.endpoint(), "s3api", "head-object",
                        "--bucket", bucket, "--key", key, "--output", "json"),
                tmp, Duration.ofSeconds(60), MotoServer::dummyCredentials);
        assertEquals(0, result.exitCode(), result.describe());
        try {
            return JSON.readTree(result.stdout());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Proc.Result sync(String bucket, Path site) {
        Proc.Result result = Proc.run(List.of("bash", Repo.script("deploy-lib/sync-site").toString(),
                        "--bucket", bucket, "--source", site.toString(), "--region", "us-east-1",
                        "--endpoint-url", moto.endpoint(),
                        "--changed-paths-file", tmp.resolve("changed-paths.txt").toString()),
                tmp, Duration.ofSeconds(120), MotoServer::dummyCredentials);
        assertEquals(0, result.exitCode(), result.describe());
        return result;
    }

    private List<String> changedPaths() throws IOException {
        return Files.readAllLines(tmp.resolve("changed-paths.txt")).stream().filter(line -> !line.isBlank()).toList();
    }

    private Map<String, JsonNode> inventory(String bucket) {
        Path script;
        try {
            script = Path.of(SiteUploadTest.class.getResource("/s3_inventory.py").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Proc.Result result = Proc.run(List.of("python3", script.toString(), moto.endpoint(), bucket), tmp,
                Duration.ofSeconds(60), MotoServer::dummyCredentials);
        assertEquals(0, result.exitCode(), result.describe());
        try {
            Map<String, JsonNode> objects = new TreeMap<>();
            JSON.readTree(result.stdout()).fields()
                    .forEachRemaining(entry -> objects.put(entry.getKey(), entry.getValue()));
            return objects;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path copyOfStaticSite() throws IOException {
        Path copy = Files.createDirectories(tmp.resolve("site"));
        Path source = Repo.staticSite();
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = copy.resolve(source.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
        assertNotEquals(0, localFiles(copy).size());
        return copy;
    }

    /** key -> md5 of every non-hidden file under {@code site}. */
    private static Map<String, String> localFiles(Path site) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(site)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String key = site.relativize(file).toString().replace('\\', '/');
                if (!("/" + key).contains("/.")) {
                    files.put(key, md5(file));
                }
            }
        }
        return files;
    }

    private static String md5(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
