package site.paywall.localsite;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Debian Chromium driven by Debian's chromedriver. Selenium is given both executables, so Selenium
 * Manager never runs and nothing is downloaded. A fresh profile per browser, deleted on close.
 */
final class Browser implements AutoCloseable {
    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static Browser start(Path logDir) throws IOException {
        String chromium = System.getProperty("chromium.binary", "/usr/bin/chromium");
        String chromedriver = System.getProperty("chromedriver.binary", "/usr/bin/chromedriver");
        for (String executable : new String[] {chromium, chromedriver}) {
            if (!new File(executable).canExecute()) {
                throw new IllegalStateException(executable + " is missing: install Debian's browser and driver with"
                        + " 'apt-get update && apt-get install -y chromium chromium-driver' (.ci/run does this)");
            }
        }
        Path profile = Files.createTempDirectory("local-site-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,900", "--user-data-dir=" + profile);
        Files.createDirectories(logDir);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(chromedriver))
                .usingAnyFreePort()
                .withLogFile(logDir.resolve("chromedriver.log").toFile())
                .build();
        try {
            return new Browser(new ChromeDriver(service, options), profile);
        } catch (RuntimeException e) {
            deleteTree(profile);
            throw e;
        }
    }

    ChromeDriver driver() {
        return driver;
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
