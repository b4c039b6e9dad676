package site.paywall.payingcustomers.support;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A throw-away certificate authority and a server certificate for 127.0.0.1 (and {@link #PROXIED_HOST}) signed by
 * it, generated with the JDK's keytool in a temporary directory when a test starts. Nothing is committed; the keys
 * die with the directory.
 */
public final class TestCa {
    /** A name only a test's proxy can reach ({@code .test} never resolves), also in the server certificate. */
    public static final String PROXIED_HOST = "cognito-idp.behind-proxy.test";
    private static final String PASSWORD = "test-only";
    private final Path caPem;
    private final Path serverStore;

    private TestCa(Path caPem, Path serverStore) {
        this.caPem = caPem;
        this.serverStore = serverStore;
    }

    public static TestCa generate(Path dir) {
        Path ca = dir.resolve("ca.p12");
        Path server = dir.resolve("server.p12");
        Path csr = dir.resolve("server.csr");
        Path crt = dir.resolve("server.crt");
        Path caPem = dir.resolve("ca.pem");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-dname",
                "CN=paying-customers test CA", "-ext", "bc:c", "-validity", "2", "-keystore", ca.toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD);
        keytool("-exportcert", "-alias", "ca", "-keystore", ca.toString(), "-storepass", PASSWORD, "-rfc", "-file",
                caPem.toString());
        keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=127.0.0.1",
                "-validity", "2", "-keystore", server.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        keytool("-certreq", "-alias", "server", "-keystore", server.toString(), "-storepass", PASSWORD, "-file",
                csr.toString());
        keytool("-gencert", "-alias", "ca", "-keystore", ca.toString(), "-storepass", PASSWORD, "-infile",
                csr.toString(), "-outfile", crt.toString(), "-ext", "san=ip:127.0.0.1,dns:" + PROXIED_HOST, "-ext",
                "eku=serverAuth", "-validity", "2", "-rfc");
        keytool("-importcert", "-alias", "ca", "-file", caPem.toString(), "-keystore", server.toString(), "-storepass",
                PASSWORD, "-noprompt");
        keytool("-importcert", "-alias", "server", "-file", crt.toString(), "-keystore", server.toString(),
                "-storepass", PASSWORD, "-noprompt");
        return new TestCa(caPem, server);
    }

    /** The CA certificate, PEM: what AWS_CA_BUNDLE names. */
    public Path caPem() {
        return caPem;
    }

    /** A server-side TLS context presenting the certificate for 127.0.0.1. */
    public SSLContext serverContext() {
        try (InputStream in = Files.newInputStream(serverStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("cannot load the test server key store: " + e, e);
        }
    }

    private static void keytool(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool " + String.join(" ", args) + " failed:\n" + output);
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot run keytool: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
