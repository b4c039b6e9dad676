package site.paywall.cloudformation;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import site.paywall.testsupport.MotoServer;

/**
 * What the real-run tests of scripts/deploy and scripts/destroy stand on: one moto server per test class (the S3
 * side, reached with the real AWS CLI) and, per test, a fresh simulated account ({@link FakeAws}) in the test's own
 * directory — both stopped even when a test fails. A subclass's own {@code @BeforeEach} runs after {@link #account}.
 */
abstract class SimulatedAccountTest {
    static MotoServer moto;
    static Path realAws;

    @TempDir
    Path tmp;
    FakeAws aws;

    @BeforeAll
    static void startMoto() {
        realAws = Proc.require("aws", "install the AWS CLI (apt-get install awscli, or pip install awscli)");
        moto = MotoServer.start();
    }

    @AfterAll
    static void stopMoto() {
        if (moto != null) {
            moto.close();
            moto = null;
        }
    }

    @BeforeEach
    void account() {
        aws = new FakeAws(tmp, moto, realAws);
    }

    @AfterEach
    void stopAccount() {
        if (aws != null) {
            aws.close();
        }
    }
}
