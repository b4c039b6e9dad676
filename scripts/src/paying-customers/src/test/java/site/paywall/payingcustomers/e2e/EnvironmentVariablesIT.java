package site.paywall.payingcustomers.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import site.paywall.payingcustomers.support.CliRun;
import site.paywall.payingcustomers.support.FaultProxy;
import site.paywall.payingcustomers.support.MotoExtension;
import site.paywall.payingcustomers.support.Pool;
import site.paywall.payingcustomers.support.ToolProcess;

/** The environment variables the README says work, through the jar: the SDK reads most of them itself. */
class EnvironmentVariablesIT {
    @RegisterExtension
    static final MotoExtension moto = new MotoExtension();

    @TempDir
    Path dir;

    @Test
    void theCognitoEndpointVariableIsUsedAndNamedInMessages() {
        try (Pool pool = Pool.create(moto.server()).user("alice", "alice@example.com")) {
            Map<String, String> env = ToolProcess.dummyCredentials(dir);
            env.put("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", moto.server().endpoint());

            CliRun run = ToolProcess.run(dir, env, "grant", "alice", "--user-pool-id", pool.id, "--debug");

            assertEquals(0, run.exitCode(), run::toString);
            assertTrue(pool.isMember("alice"));
            assertTrue(run.err().contains("endpoint " + moto.server().endpoint()
                    + " (AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER)"), run::toString);
        }
    }

    @Test
    void httpProxyCarriesCallsToAnHttpEndpointAndNoProxyBypassesIt() {
        try (Pool pool = Pool.create(moto.server()).user("alice", "alice@example.com");
                FaultProxy proxy = FaultProxy.start(moto.server().uri())) {
            Map<String, String> env = ToolProcess.dummyCredentials(dir);
            env.put("HTTP_PROXY", proxy.endpoint());
            // Only the proxy can reach this name: it forwards every request to moto.
            String[] args = {"status", "alice", "--user-pool-id", pool.id, "--endpoint-url", "http://cognito.invalid:4566"};

            CliRun viaProxy = ToolProcess.run(dir, env, args);
            env.put("NO_PROXY", "cognito.invalid");
            CliRun bypassed = ToolProcess.run(dir, env, args);

            assertEquals(0, viaProxy.exitCode(), viaProxy::toString);
            assertTrue(proxy.count("DescribeUserPool") >= 1);
            assertEquals(10, bypassed.exitCode(), bypassed::toString);
            assertTrue(bypassed.err().contains("cognito.invalid"), bypassed::toString);
        }
    }

    @Test
    void noCredentialsIsOneSentenceAndDebugShowsWhereTheSdkLooked() {
        Map<String, String> env = ToolProcess.cleanEnv(dir);
        String[] args = {"list", "--user-pool-id", "us-east-1_whatever", "--endpoint-url", moto.server().endpoint()};

        CliRun plain = ToolProcess.run(dir, env, args);
        String[] debugArgs = {"list", "--user-pool-id", "us-east-1_whatever", "--endpoint-url",
                moto.server().endpoint(), "--debug"};
        CliRun debug = ToolProcess.run(dir, env, debugArgs);

        assertEquals(7, plain.exitCode(), plain::toString);
        assertEquals("paying-customers list: error: credentials: no AWS credentials found (set AWS_ACCESS_KEY_ID and"
                + " AWS_SECRET_ACCESS_KEY, or pass --profile). --debug shows every place the SDK looked",
                plain.err().strip());
        assertFalse(plain.err().contains("ProviderChain"), plain::toString);
        assertEquals(7, debug.exitCode(), debug::toString);
        assertTrue(debug.err().contains("debug: credentials: the SDK said: Unable to load credentials from any of the"
                + " providers in the chain"), debug::toString);
        assertTrue(debug.err().contains("SystemPropertyCredentialsProvider"), debug::toString);
    }
}
