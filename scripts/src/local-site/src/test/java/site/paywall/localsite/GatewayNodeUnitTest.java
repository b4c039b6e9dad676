package site.paywall.localsite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the Node unit tests of the gateway and the hosted-UI stand-in ({@code lib/test/*.test.js}: event shape,
 * result validation, template reading, S3 keys, SigV4 against botocore) with Node's own test runner, so they are
 * part of {@code mvn verify}.
 */
class GatewayNodeUnitTest {
    @Test
    void nodeUnitTestsPass() throws IOException, InterruptedException {
        Path module = Path.of(System.getProperty("local-site.module", ".")).toAbsolutePath().normalize();
        Process node = new ProcessBuilder("node", "--test", "lib/test/").directory(module.toFile())
                .redirectErrorStream(true).start();
        node.getOutputStream().close();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(node.waitFor(120, TimeUnit.SECONDS), "node --test did not finish");
        System.out.println(output);
        assertEquals(0, node.exitValue(), "node --test lib/test/ failed:\n" + output);
        assertTrue(output.contains("# fail 0") && !output.contains("# pass 0"), "no Node test ran:\n" + output);
    }
}
