package site.paywall.localsite;

/**
 * Every browser step of {@link LocalSiteBrowserIT} again, with the JVM reference deciding each request
 * ({@code scripts/local-site --engine jvm}: nimbus-jose-jwt and the core on the JVM, behind the same gateway, with
 * its own live calls to the hosted UI's token and revoke endpoints). The fixtures and the fuzzer show the two
 * engines agree event by event; this shows they agree on a whole browser session.
 */
class LocalSiteBrowserJvmIT extends LocalSiteBrowserIT {
    @Override
    String engine() {
        return "jvm";
    }
}
