package site.paywall.payingcustomers.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where each setting comes from: option, then config file, then default. */
class SettingsTest {
    @TempDir
    Path home;

    private static CommonOptions options(String poolId) {
        CommonOptions o = new CommonOptions();
        o.userPoolId = poolId;
        return o;
    }

    @Test
    void defaultsComeFromThePoolId() {
        Settings s = Settings.resolve(options("eu-west-1_AbCdEf123"), Map.of(), home);

        assertEquals("eu-west-1", s.connection().region());
        assertEquals("paying-customers", s.group());
        assertEquals(Optional.empty(), s.connection().endpoint());
        assertEquals(5, s.maxAttempts());
    }

    @Test
    void theDefaultConfigFileInTheHomeDirectoryIsRead() throws Exception {
        Files.writeString(home.resolve(".paying-customers.properties"),
                "user-pool-id=us-east-1_Home\ngroup=vip\nendpoint-url=http://127.0.0.1:5000\n");

        Settings s = Settings.resolve(new CommonOptions(), Map.of(), home);

        assertEquals("us-east-1_Home", s.poolId());
        assertEquals("vip", s.group());
        assertEquals(Optional.of(URI.create("http://127.0.0.1:5000")), s.connection().endpoint());
    }

    @Test
    void optionsWinOverTheConfigFileNamedByTheEnvironment() throws Exception {
        Path config = Files.writeString(home.resolve("elsewhere.properties"),
                "user-pool-id=us-east-1_File\ngroup=vip\n");

        Settings s = Settings.resolve(options("us-east-1_Option"), Map.of(Settings.CONFIG_ENV, config.toString()),
                home);

        assertEquals("us-east-1_Option", s.poolId());
        assertEquals("vip", s.group(), "unset options still come from the file");
    }

    @Test
    void aConfigFileNamedByTheEnvironmentMustExist() {
        UsageException e = assertThrows(UsageException.class,
                () -> Settings.resolve(options("us-east-1_x"), Map.of(Settings.CONFIG_ENV, "/no/such/file"), home));
        assertTrue(e.getMessage().contains("/no/such/file does not exist"), e.getMessage());
    }

    @Test
    void exitCodesCombineToTheSharedCodeOrPartial() {
        assertEquals(ExitCode.OK, ExitCode.combine(java.util.List.of()));
        assertEquals(ExitCode.UNKNOWN_USER,
                ExitCode.combine(java.util.List.of(ExitCode.UNKNOWN_USER, ExitCode.UNKNOWN_USER)));
        assertEquals(ExitCode.PARTIAL, ExitCode.combine(java.util.List.of(ExitCode.UNKNOWN_USER, ExitCode.THROTTLED)));
    }

    @Test
    void exitCodesAreDistinct() {
        assertEquals(ExitCode.values().length,
                java.util.Arrays.stream(ExitCode.values()).mapToInt(ExitCode::code).distinct().count());
    }

    @Test
    void timeoutsDefaultToFiveAndTenSecondsAndTakeDecimals() {
        assertEquals(java.time.Duration.ofSeconds(5), Settings.resolve(options("us-east-1_x"), Map.of(), home)
                .connection().http().connectTimeout());
        CommonOptions o = options("us-east-1_x");
        o.connectTimeout = 0.5;
        o.readTimeout = 2.0;

        Settings s = Settings.resolve(o, Map.of(), home);

        assertEquals(java.time.Duration.ofMillis(500), s.connection().http().connectTimeout());
        assertEquals(java.time.Duration.ofSeconds(2), s.connection().http().readTimeout());
        assertEquals(java.time.Duration.ofMillis(4500), s.connection().http().attemptDeadline());
    }

    @Test
    void endpointVariablesAreNamedAndLeaveStsToTheSdk() {
        Settings fromEnv = Settings.resolve(options("us-east-1_x"),
                Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:4566"), home);
        CommonOptions o = options("us-east-1_x");
        o.endpointUrl = "http://127.0.0.1:5000";
        Settings fromOption = Settings.resolve(o, Map.of(), home);
        Settings aws = Settings.resolve(options("eu-west-1_x"), Map.of(), home);

        assertEquals("http://127.0.0.1:4566 (AWS_ENDPOINT_URL)", fromEnv.connection().endpointName());
        assertEquals(Optional.empty(), fromEnv.connection().stsEndpoint(), "the SDK applies AWS_ENDPOINT_URL to STS");
        assertEquals("http", fromEnv.connection().http().proxyScheme(), "HTTP_PROXY for an http endpoint");
        assertEquals(Optional.of(URI.create("http://127.0.0.1:5000")), fromOption.connection().stsEndpoint(),
                "--endpoint-url (moto) also answers sts:GetCallerIdentity");
        assertEquals("https://cognito-idp.eu-west-1.amazonaws.com", aws.connection().endpointName());
        assertEquals("https", aws.connection().http().proxyScheme(), "HTTPS_PROXY for AWS");
    }

    @Test
    void anEmulatorsPoolOfRegionLocalIsAcceptedOnlyWithItsEndpoint() {
        CommonOptions local = options("local_5sXUl6ql");
        local.endpointUrl = "http://127.0.0.1:9229";
        assertEquals("local", Settings.resolve(local, Map.of(), home).connection().region());
        assertEquals("local", Settings.resolve(options("local_5sXUl6ql"),
                Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:9229"), home).connection().region());
        UsageException onAws = assertThrows(UsageException.class,
                () -> Settings.resolve(options("local_5sXUl6ql"), Map.of(), home));
        assertTrue(onAws.getMessage().contains("'local' is not an AWS region"), onAws.getMessage());
    }

    /** A real CA certificate, PEM-encoded, taken from the JDK's own trust store. */
    private Path somePem() throws Exception {
        java.security.KeyStore cacerts = java.security.KeyStore.getInstance(java.security.KeyStore.getDefaultType());
        try (var in = Files.newInputStream(Path.of(System.getProperty("java.home"), "lib", "security", "cacerts"))) {
            cacerts.load(in, null);
        }
        java.security.cert.Certificate cert = cacerts.getCertificate(cacerts.aliases().nextElement());
        String pem = "-----BEGIN CERTIFICATE-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(cert.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
        return Files.writeString(home.resolve("ca.pem"), pem);
    }

    @Test
    void theCaBundleOptionWinsOverAwsCaBundle() throws Exception {
        Path junk = Files.writeString(home.resolve("junk.pem"), "not a certificate");
        CommonOptions o = options("us-east-1_x");
        o.caBundle = somePem();

        Settings s = Settings.resolve(o, Map.of("AWS_CA_BUNDLE", junk.toString()), home);
        UsageException fromEnv = assertThrows(UsageException.class,
                () -> Settings.resolve(options("us-east-1_x"), Map.of("AWS_CA_BUNDLE", junk.toString()), home));

        assertEquals(1, s.connection().http().caBundle().orElseThrow().certificates());
        assertTrue(fromEnv.getMessage().startsWith("AWS_CA_BUNDLE: the CA bundle " + junk), fromEnv.getMessage());
    }
}
