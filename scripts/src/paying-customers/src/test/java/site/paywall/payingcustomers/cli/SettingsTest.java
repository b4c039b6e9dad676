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
        Path config = Files.writeString(home.resolve("elsewhere.properties"), "user-pool-id=us-east-1_File\ngroup=vip\n");

        Settings s = Settings.resolve(options("us-east-1_Option"), Map.of(Settings.CONFIG_ENV, config.toString()), home);

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
        assertEquals(ExitCode.UNKNOWN_USER, ExitCode.combine(java.util.List.of(ExitCode.UNKNOWN_USER, ExitCode.UNKNOWN_USER)));
        assertEquals(ExitCode.PARTIAL, ExitCode.combine(java.util.List.of(ExitCode.UNKNOWN_USER, ExitCode.THROTTLED)));
    }

    @Test
    void exitCodesAreDistinct() {
        assertEquals(ExitCode.values().length,
                java.util.Arrays.stream(ExitCode.values()).mapToInt(ExitCode::code).distinct().count());
    }
}
