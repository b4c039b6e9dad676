package site.paywall.payingcustomers.cognito;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * The certificates named by AWS_CA_BUNDLE (or --ca-bundle, or ca_bundle in the profile), as aws-cli reads them: a
 * PEM file of one or more CA certificates that replaces the JVM's trusted CAs, e.g. for a TLS-inspecting proxy.
 */
public record CaBundle(Path path, int certificates, TrustManager[] trustManagers) {

    /** Throws {@link IllegalArgumentException} with a message naming the file and the problem. */
    public static CaBundle load(Path path) {
        Collection<? extends Certificate> certs;
        try (InputStream in = Files.newInputStream(path)) {
            certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the CA bundle " + path + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("the CA bundle " + path + " is not a PEM file of certificates: "
                    + e.getMessage(), e);
        }
        if (certs.isEmpty()) {
            throw new IllegalArgumentException("the CA bundle " + path + " holds no certificate");
        }
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate cert : certs) {
                store.setCertificateEntry("ca-" + i++, cert);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return new CaBundle(path, certs.size(), factory.getTrustManagers());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot use the CA bundle " + path + ": " + e.getMessage(), e);
        }
    }
}
