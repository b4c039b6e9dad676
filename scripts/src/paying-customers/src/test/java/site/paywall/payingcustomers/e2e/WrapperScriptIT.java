package site.paywall.payingcustomers.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import site.paywall.payingcustomers.support.CliRun;
import site.paywall.payingcustomers.support.MotoExtension;
import site.paywall.payingcustomers.support.Pool;
import site.paywall.payingcustomers.support.ToolProcess;

/**
 * scripts/paying-customers as an admin runs it, after `package` built the jar (failsafe, integration-test phase):
 * a grant → status → revoke → list session against moto, exit codes passing through, missing credentials with a
 * clean environment, and the build-when-stale logic on a copy of the script with a stand-in mvn.
 */
class WrapperScriptIT {
    private static final Path ROOT = Path.of(System.getProperty("repo.root", "../../..")).toAbsolutePath().normalize();
    private static final Path SCRIPT = ROOT.resolve("scripts/paying-customers");
    private static final Path JAR = Path.of(System.getProperty("shaded.jar", "target/paying-customers.jar"));
    @RegisterExtension
    static final MotoExtension moto = new MotoExtension();

    @TempDir
    static Path temp;

    @BeforeAll
    static void jarIsBuilt() {
        assertTrue(Files.isRegularFile(JAR), "the package phase should have built " + JAR);
    }

    /** A minimal environment: nothing from the developer's AWS setup leaks in. */
    private static Map<String, String> cleanEnv() {
        return ToolProcess.cleanEnv(temp);
    }

    private static Map<String, String> dummyCredentials() {
        return ToolProcess.dummyCredentials(temp);
    }

    private static CliRun exec(Path script, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(temp.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        Path out = Files.createTempFile(temp, "out", ".txt");
        Path err = Files.createTempFile(temp, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(script + " did not finish in 120 s");
        }
        return new CliRun(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void helpWorksAndListsTheExitCodes() throws Exception {
        CliRun run = exec(SCRIPT, cleanEnv(), "--help");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("Usage: paying-customers"), run::toString);
        assertTrue(run.out().contains(" 8   revoke removed the user from the group, but the global sign-out failed"),
                run::toString);
        assertFalse(run.err().contains("building"), "a fresh jar is not rebuilt: " + run);
        for (String command : List.of("grant", "revoke", "list", "status", "import", "create-group")) {
            CliRun sub = exec(SCRIPT, cleanEnv(), command, "--help");
            assertEquals(0, sub.exitCode(), sub::toString);
            assertTrue(sub.out().startsWith("Usage: paying-customers " + command), sub::toString);
        }
    }

    @Test
    void grantStatusRevokeListSession() throws Exception {
        try (Pool pool = Pool.create(moto.server()).user("alice", "alice@example.com")
                .member("bob", "bob@example.com")) {
            String[] target = {"--user-pool-id", pool.id, "--endpoint-url", moto.server().endpoint()};
            Map<String, String> env = dummyCredentials();

            CliRun grant = exec(SCRIPT, env, concat(new String[] {"grant", "alice@example.com"}, target));
            assertEquals(0, grant.exitCode(), grant::toString);
            assertTrue(grant.out().contains("granted: alice (alice@example.com) added to group 'paying-customers'"),
                    grant::toString);
            assertTrue(grant.err().contains("\"action\":\"grant\",\"result\":\"ok\""), grant::toString);

            CliRun status = exec(SCRIPT, env, concat(new String[] {"status", "alice"}, target));
            assertEquals(0, status.exitCode(), status::toString);
            assertTrue(status.out().contains("member:   yes, in 'paying-customers'"), status::toString);

            CliRun revoke = exec(SCRIPT, env, concat(new String[] {"revoke", "alice"}, target));
            assertEquals(0, revoke.exitCode(), revoke::toString);
            assertTrue(revoke.out().contains("Still true: "), revoke::toString);
            assertFalse(pool.isMember("alice"));

            CliRun list = exec(SCRIPT, env, concat(new String[] {"list"}, target));
            assertEquals(0, list.exitCode(), list::toString);
            assertTrue(list.out().contains("1 member in group 'paying-customers'"), list::toString);
            assertTrue(list.out().lines().anyMatch(l -> l.startsWith("bob ")), list::toString);
        }
    }

    @Test
    void exitCodesPassThroughTheWrapper() throws Exception {
        try (Pool pool = Pool.create(moto.server())) {
            CliRun unknownUser = exec(SCRIPT, dummyCredentials(), "grant", "ghost", "--user-pool-id", pool.id,
                    "--endpoint-url", moto.server().endpoint());
            assertEquals(5, unknownUser.exitCode(), unknownUser::toString);
            CliRun unknownPool = exec(SCRIPT, dummyCredentials(), "list", "--user-pool-id", "us-east-1_gone",
                    "--endpoint-url", moto.server().endpoint());
            assertEquals(3, unknownPool.exitCode(), unknownPool::toString);
        }
    }

    @Test
    void noCredentialsAnywhereExitsWith7() throws Exception {
        try (Pool pool = Pool.create(moto.server())) {
            CliRun run = exec(SCRIPT, cleanEnv(), "list", "--user-pool-id", pool.id, "--endpoint-url",
                    moto.server().endpoint());

            assertEquals(7, run.exitCode(), run::toString);
            assertTrue(run.err().contains("no AWS credentials found"), run::toString);
            assertFalse(run.err().contains("\tat "), run::toString);
        }
    }

    @Test
    void theConfigFileIsReadFromHome(@TempDir Path home) throws Exception {
        try (Pool pool = Pool.create(moto.server()).member("bob", "bob@example.com")) {
            Files.writeString(home.resolve(".paying-customers.properties"), "user-pool-id=" + pool.id
                    + "\nendpoint-url=" + moto.server().endpoint() + "\n");
            Map<String, String> env = dummyCredentials();
            env.put("HOME", home.toString());

            CliRun list = exec(SCRIPT, env, "list");

            assertEquals(0, list.exitCode(), list::toString);
            assertTrue(list.out().contains("1 member in group 'paying-customers' of pool " + pool.id), list::toString);
        }
    }

    @Test
    void aResumeCommandStartsTheWayTheAdminStartedTheTool() throws Exception {
        try (Pool pool = Pool.create(moto.server()).user("alice", "a@example.com").user("bob", "b@example.com");
             site.paywall.payingcustomers.support.FaultProxy proxy =
                     site.paywall.payingcustomers.support.FaultProxy.start(moto.server().uri())) {
            proxy.rule((op, n) -> {
                if (op.equals("AdminAddUserToGroup")) {
                    proxy.stopListening();
                }
                return site.paywall.payingcustomers.support.FaultProxy.Fault.PASS;
            });

            CliRun run = exec(SCRIPT, dummyCredentials(), "grant", "alice", "bob", "--user-pool-id", pool.id,
                    "--endpoint-url", proxy.endpoint());

            assertEquals(10, run.exitCode(), run::toString);
            assertTrue(run.err().contains("\n  " + SCRIPT + " grant bob --user-pool-id " + pool.id + " --endpoint-url "
                    + proxy.endpoint() + "\n"), run::toString);
        }
    }

    // --- build-when-stale, on a copy of the script in a fake checkout with a stand-in mvn -------------------

    private static Path fakeCheckout(Path dir, int mvnExit) throws IOException {
        Path module = Files.createDirectories(dir.resolve("scripts/src/paying-customers/src/main/java"));
        Files.copy(SCRIPT, dir.resolve("scripts/paying-customers"), StandardCopyOption.COPY_ATTRIBUTES);
        // The staleness check and the build step every wrapper shares.
        Files.createDirectories(dir.resolve("scripts/lib"));
        for (String shared : List.of("scripts/lib/tool-jar.sh", "scripts/lib/stale")) {
            Files.copy(ROOT.resolve(shared), dir.resolve(shared), StandardCopyOption.COPY_ATTRIBUTES);
        }
        Files.writeString(dir.resolve("pom.xml"), "<project/>");
        Files.writeString(dir.resolve("scripts/src/paying-customers/pom.xml"), "<project/>");
        Files.writeString(module.resolve("Tool.java"), "class Tool {}");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path mvn = bin.resolve("mvn");
        // Records where and how it was called, then "builds" by copying the real jar.
        Files.writeString(mvn, "#!/usr/bin/env bash\n"
                + "echo \"$PWD $*\" >> '" + dir.resolve("mvn-calls") + "'\n"
                + "[ " + mvnExit + " = 0 ] || exit " + mvnExit + "\n"
                + "mkdir -p scripts/src/paying-customers/target && cp '" + JAR.toAbsolutePath()
                + "' scripts/src/paying-customers/target/paying-customers.jar\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir;
    }

    private static Map<String, String> withFakeMvn(Path checkout) {
        Map<String, String> env = cleanEnv();
        env.put("PATH", checkout.resolve("bin") + ":" + System.getenv("PATH"));
        return env;
    }

    private static List<String> mvnCalls(Path checkout) throws IOException {
        Path calls = checkout.resolve("mvn-calls");
        return Files.exists(calls) ? Files.readAllLines(calls, StandardCharsets.UTF_8) : List.of();
    }

    @Test
    void aMissingJarIsBuiltFromTheRepoRootThenAStaleOneAgainAndAFreshOneNot(@TempDir Path dir) throws Exception {
        Path checkout = fakeCheckout(dir, 0);
        Path script = checkout.resolve("scripts/paying-customers");
        Map<String, String> env = withFakeMvn(checkout);

        CliRun first = exec(script, env, "--version");
        assertEquals(0, first.exitCode(), first::toString);
        assertEquals(List.of(checkout + " -q -B -ntp -pl scripts/src/paying-customers -am package -DskipTests"),
                mvnCalls(checkout));
        assertEquals("paying-customers 0.1.0", first.out().strip(), "build output stays off stdout");

        CliRun fresh = exec(script, env, "--version");
        assertEquals(0, fresh.exitCode(), fresh::toString);
        assertEquals(1, mvnCalls(checkout).size(), "a fresh jar is not rebuilt");

        Path jar = checkout.resolve("scripts/src/paying-customers/target/paying-customers.jar");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(3600)));
        CliRun stale = exec(script, env, "--version");
        assertEquals(0, stale.exitCode(), stale::toString);
        assertEquals(2, mvnCalls(checkout).size(), "a source newer than the jar triggers a build");
    }

    @Test
    void aFailedBuildExitsWith12(@TempDir Path dir) throws Exception {
        Path checkout = fakeCheckout(dir, 1);

        CliRun run = exec(checkout.resolve("scripts/paying-customers"), withFakeMvn(checkout), "--help");

        assertEquals(12, run.exitCode(), run::toString);
        assertTrue(run.err().contains("building scripts/src/paying-customers failed"), run::toString);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
