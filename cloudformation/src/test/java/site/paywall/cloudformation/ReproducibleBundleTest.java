package site.paywall.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/edge-bundle from one config, on machines west of, at and east of UTC, writes the same zip: identical code
 * never publishes a new Lambda@Edge version (and re-replicates) just because a laptop and CI sit in other zones.
 */
class ReproducibleBundleTest {
    @TempDir
    Path tmp;

    @Test
    void theSameConfigGivesTheSameZipInEveryTimeZone() throws IOException {
        Map<String, String> hashes = new TreeMap<>();
        for (String zone : List.of("America/Los_Angeles", "UTC", "Asia/Tokyo")) {
            Path out = Files.createDirectories(tmp.resolve(zone.replace('/', '_')));
            Proc.Result built = Proc.run(List.of("bash", Repo.script("edge-bundle").toString(), "--config",
                            Repo.root().resolve("edge-auth/examples/site.json").toString(),
                            "--out-dir", out.toString()),
                    Repo.root(), Duration.ofMinutes(5), env -> env.put("TZ", zone));
            assertEquals(0, built.exitCode(), built.describe());
            hashes.put(zone, sha256(out.resolve("lambda-edge.zip")));
        }
        assertEquals(1, hashes.values().stream().distinct().count(), "zip SHA-256 per time zone: " + hashes);
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
