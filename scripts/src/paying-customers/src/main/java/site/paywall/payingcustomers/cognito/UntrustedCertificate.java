package site.paywall.payingcustomers.cognito;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * A TLS certificate the run does not trust, wherever it shows up (a Cognito call, or the SDK's own STS or SSO call
 * behind a profile): its own failure, exit 14, with the same advice, never "unavailable" and never a credentials
 * problem.
 */
final class UntrustedCertificate {
    static final String ADVICE = "If a proxy inspects TLS, set AWS_CA_BUNDLE (or --ca-bundle, or ca_bundle in the"
            + " profile) to a PEM file with its CA certificate";

    private UntrustedCertificate() {
    }

    static boolean causes(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof CertificateException || t instanceof CertPathValidatorException
                    || t instanceof CertPathBuilderException || t instanceof SSLPeerUnverifiedException) {
                return true;
            }
        }
        return false;
    }

    /** The innermost message: what the certificate check said ("signature check failed", "PKIX path ..."). */
    static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
