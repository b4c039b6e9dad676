package site.paywall.payingcustomers.support;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import site.paywall.testsupport.MotoServer;

/**
 * One real moto server per test class: {@code @RegisterExtension static final MotoExtension moto = new
 * MotoExtension();}. Started before the class's own @BeforeAll methods and stopped after its @AfterAll methods,
 * even when they fail.
 */
public final class MotoExtension implements BeforeAllCallback, AfterAllCallback {
    private MotoServer server;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = MotoServer.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    public MotoServer server() {
        if (server == null) {
            throw new IllegalStateException("moto is not running: register MotoExtension with @RegisterExtension");
        }
        return server;
    }
}
