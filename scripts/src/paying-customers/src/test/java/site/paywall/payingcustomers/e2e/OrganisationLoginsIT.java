package site.paywall.payingcustomers.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import site.paywall.payingcustomers.support.CliRun;
import site.paywall.payingcustomers.support.ConnectProxy;
import site.paywall.payingcustomers.support.FaultProxy;
import site.paywall.payingcustomers.support.JsonAssert;
import site.paywall.payingcustomers.support.MotoExtension;
import site.paywall.payingcustomers.support.Pool;
import site.paywall.payingcustomers.support.TestCa;
import site.paywall.payingcustomers.support.ToolProcess;

/**
 * The logins organisations use, through the jar as an admin runs it, with the AWS files and variables the SDK
 * reads itself: an assume-role profile and web identity against moto's STS, an SSO profile before sign-in, and
 * AWS_CA_BUNDLE (or the profile's ca_bundle) against a local TLS endpoint whose certificate comes from a CA
 * generated for the test, and HTTPS_PROXY tunnelling to that endpoint as an organisation's proxy would.
 */
class OrganisationLoginsIT {
    private static final String ROLE = "arn:aws:iam::123456789012:role/paying-customers-admin";
    @RegisterExtension
    static final MotoExtension moto = new MotoExtension();

    @TempDir
    static Path shared;
    private static TestCa ca;

    @TempDir
    Path dir;

    @BeforeAll
    static void certificateAuthority() throws Exception {
        ca = TestCa.generate(Files.createDirectories(shared.resolve("ca")));
    }

    /** AWS files with source keys for moto and an assume-role profile on top of them; no region anywhere. */
    private Map<String, String> assumeRoleEnv(String endpoint) throws Exception {
        Path credentials = Files.writeString(dir.resolve("credentials"),
                "[source]\naws_access_key_id = testing\naws_secret_access_key = testing\n");
        Path config = Files.writeString(dir.resolve("config"), "[profile admin]\nrole_arn = " + ROLE
                + "\nsource_profile = source\nrole_session_name = ops-session\n\n"
                + "[profile sso]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\n"
                + "sso_account_id = 123456789012\nsso_role_name = Admin\n");
        Map<String, String> env = ToolProcess.cleanEnv(dir);
        env.put("AWS_SHARED_CREDENTIALS_FILE", credentials.toString());
        env.put("AWS_CONFIG_FILE", config.toString());
        env.put("AWS_ENDPOINT_URL", endpoint);
        return env;
    }

    @Test
    void anAssumeRoleProfileWorksAgainstMotosSts() throws Exception {
        try (Pool pool = Pool.create(moto.server()).user("alice", "alice@example.com")) {
            Path audit = dir.resolve("audit.jsonl");

            CliRun run = ToolProcess.run(dir, assumeRoleEnv(moto.server().endpoint()), "grant", "alice", "--profile",
                    "admin", "--user-pool-id", pool.id, "--audit-log", audit.toString());

            assertEquals(0, run.exitCode(), run::toString);
            assertFalse(run.err().contains("must be on the class path"), run::toString);
            assertTrue(pool.isMember("alice"));
            JsonNode outcome = JsonAssert.outcomes(Files.readString(audit)).get(0);
            assertEquals("arn:aws:sts::123456789012:assumed-role/paying-customers-admin/ops-session",
                    outcome.get("principal").asText(), "the change ran as the assumed role");
            assertEquals("admin", outcome.get("profile").asText());
        }
    }

    @Test
    void webIdentityFromTheEnvironmentWorksAgainstMotosSts() throws Exception {
        try (Pool pool = Pool.create(moto.server()).user("alice", "alice@example.com")) {
            Path token = Files.writeString(dir.resolve("token"), "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjaSJ9.c2ln");
            Map<String, String> env = ToolProcess.cleanEnv(dir);
            env.put("AWS_ROLE_ARN", ROLE);
            env.put("AWS_WEB_IDENTITY_TOKEN_FILE", token.toString());
            env.put("AWS_ROLE_SESSION_NAME", "ci-run");
            env.put("AWS_ENDPOINT_URL", moto.server().endpoint());
            Path audit = dir.resolve("audit.jsonl");

            CliRun run = ToolProcess.run(dir, env, "grant", "alice", "--user-pool-id", pool.id, "--audit-log",
                    audit.toString());

            assertEquals(0, run.exitCode(), run::toString);
            assertTrue(pool.isMember("alice"));
            assertEquals("arn:aws:sts::123456789012:assumed-role/paying-customers-admin/ci-run",
                    JsonAssert.outcomes(Files.readString(audit)).get(0).get("principal").asText());
        }
    }

    @Test
    void anSsoProfileBeforeSignInSaysToSignIn() throws Exception {
        CliRun run = ToolProcess.run(dir, assumeRoleEnv(moto.server().endpoint()), "list", "--profile", "sso",
                "--user-pool-id", "us-east-1_whatever");

        assertEquals(7, run.exitCode(), run::toString);
        assertTrue(run.err().contains("profile 'sso' gave no usable credentials"), run::toString);
        assertTrue(run.err().contains("aws sso login --profile sso"), run::toString);
        assertFalse(run.err().contains("must be on the class path"), run::toString);
    }

    @Test
    void caBundleMakesALocalTlsEndpointWithItsOwnCaWork() throws Exception {
        try (Pool pool = Pool.create(moto.server()).user("alice", "alice@example.com");
                FaultProxy tls = FaultProxy.startTls(moto.server().uri(), ca.serverContext())) {
            // Cognito, and the STS behind the assume-role profile, both through the TLS endpoint.
            Map<String, String> env = assumeRoleEnv(tls.endpoint());
            env.put("AWS_CA_BUNDLE", ca.caPem().toString());
            Path audit = dir.resolve("audit.jsonl");

            CliRun run = ToolProcess.run(dir, env, "grant", "alice", "--profile", "admin", "--user-pool-id", pool.id,
                    "--audit-log", audit.toString());

            assertEquals(0, run.exitCode(), run::toString);
            assertTrue(pool.isMember("alice"));
            assertTrue(tls.count("AssumeRole") >= 1, "the SDK's own STS client went through the TLS endpoint too");
            assertTrue(tls.count("AdminAddUserToGroup") >= 1);
            assertEquals("arn:aws:sts::123456789012:assumed-role/paying-customers-admin/ops-session",
                    JsonAssert.outcomes(Files.readString(audit)).get(0).get("principal").asText());
        }
    }

    @Test
    void anUntrustedCertificateIsItsOwnErrorAndIsNotRetried() throws Exception {
        try (Pool pool = Pool.create(moto.server()).user("alice", "alice@example.com");
                FaultProxy tls = FaultProxy.startTls(moto.server().uri(), ca.serverContext())) {
            Map<String, String> env = ToolProcess.dummyCredentials(dir);

            CliRun run = ToolProcess.run(dir, env, "grant", "alice", "--user-pool-id", pool.id, "--endpoint-url",
                    tls.endpoint());

            assertEquals(14, run.exitCode(), run::toString);
            assertTrue(run.err().contains("untrusted-certificate: the TLS certificate of " + tls.endpoint()
                    + " (--endpoint-url) is not trusted"), run::toString);
            assertTrue(run.err().contains("AWS_CA_BUNDLE"), run::toString);
            assertFalse(run.err().contains("unavailable"), run::toString);
            assertEquals(1, tls.connections(), "one handshake, no retry");
            assertFalse(pool.isMember("alice"));
        }
    }

    @Test
    void theProfilesCaBundleIsUsedWhenNothingElseNamesOneAndAwsCaBundleComesFirst() throws Exception {
        TestCa otherCa = TestCa.generate(Files.createDirectories(dir.resolve("other-ca")));
        try (Pool pool = Pool.create(moto.server()).user("alice", "alice@example.com");
                FaultProxy tls = FaultProxy.startTls(moto.server().uri(), ca.serverContext())) {
            Map<String, String> env = assumeRoleEnv(tls.endpoint());
            Path config = Path.of(env.get("AWS_CONFIG_FILE"));
            Files.writeString(config, Files.readString(config).replace("[profile admin]\n",
                    "[profile admin]\nca_bundle = " + ca.caPem() + "\n"));
            String[] grant = {"grant", "alice", "--profile", "admin", "--user-pool-id", pool.id};

            CliRun fromProfile = ToolProcess.run(dir, env, grant);
            boolean memberAfterProfileRun = pool.isMember("alice");
            env.put("AWS_CA_BUNDLE", otherCa.caPem().toString());
            CliRun envFirst = ToolProcess.run(dir, env, "revoke", "alice", "--profile", "admin", "--user-pool-id",
                    pool.id);

            assertEquals(0, fromProfile.exitCode(), fromProfile::toString);
            assertTrue(memberAfterProfileRun);
            assertTrue(tls.count("AssumeRole") >= 1, "the SDK's own STS client trusted the profile's CA too");
            // AWS_CA_BUNDLE (another CA) is read before the profile's; the SDK's STS call fails on it, and that is
            // reported as the certificate problem it is, not as missing credentials.
            assertEquals(14, envFirst.exitCode(), envFirst::toString);
            assertTrue(envFirst.err().contains("untrusted-certificate: the TLS certificate of the endpoint that profile"
                    + " 'admin' gets credentials from (STS or SSO) is not trusted"), envFirst::toString);
            assertTrue(envFirst.err().contains("set AWS_CA_BUNDLE"), envFirst::toString);
            assertTrue(pool.isMember("alice"), "the revoke never reached Cognito");
        }
    }

    @Test
    void httpsProxyTunnelsToAnHttpsEndpointHttpProxyIsNotUsedForItAndNoProxyBypassesIt() throws Exception {
        try (Pool pool = Pool.create(moto.server()).user("alice", "alice@example.com");
                FaultProxy tls = FaultProxy.startTls(moto.server().uri(), ca.serverContext());
                ConnectProxy httpsProxy = ConnectProxy.start(Map.of(TestCa.PROXIED_HOST + ":" + tls.port(),
                        new InetSocketAddress("127.0.0.1", tls.port())));
                ConnectProxy httpProxy = ConnectProxy.start(Map.of())) {
            Map<String, String> env = ToolProcess.dummyCredentials(dir);
            env.put("AWS_CA_BUNDLE", ca.caPem().toString());
            env.put("HTTPS_PROXY", httpsProxy.endpoint());
            env.put("HTTP_PROXY", httpProxy.endpoint());
            // Only the HTTPS proxy can reach this name; TLS is checked end to end against the name in the URL.
            String[] grant = {"grant", "alice", "--user-pool-id", pool.id, "--endpoint-url",
                    "https://" + TestCa.PROXIED_HOST + ":" + tls.port()};

            CliRun viaProxy = ToolProcess.run(dir, env, grant);
            env.put("NO_PROXY", "localhost," + TestCa.PROXIED_HOST);
            CliRun bypassed = ToolProcess.run(dir, env, grant);

            assertEquals(0, viaProxy.exitCode(), viaProxy::toString);
            assertTrue(pool.isMember("alice"));
            assertTrue(tls.count("AdminAddUserToGroup") >= 1, "the call went through the tunnel to the endpoint");
            assertEquals(List.of(TestCa.PROXIED_HOST + ":" + tls.port()), httpsProxy.targets().stream().distinct()
                    .toList());
            assertEquals(List.of(), httpProxy.targets(), "HTTP_PROXY is for http endpoints only");
            assertEquals(10, bypassed.exitCode(), bypassed::toString);
            assertTrue(bypassed.err().contains(TestCa.PROXIED_HOST), bypassed::toString);
        }
    }

    @Test
    void aCaBundleThatIsNotPemIsAUsageError() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.pem"), "not a certificate\n");
        Map<String, String> env = ToolProcess.dummyCredentials(dir);
        env.put("AWS_CA_BUNDLE", junk.toString());

        CliRun run = ToolProcess.run(dir, env, "list", "--user-pool-id", "us-east-1_whatever", "--endpoint-url",
                moto.server().endpoint());

        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("AWS_CA_BUNDLE: the CA bundle " + junk), run::toString);
    }
}
