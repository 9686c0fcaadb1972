package org.eto4j.examples.webapp;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium driven by Selenium through the system's chromedriver (Debian packages
 * {@code chromium} and {@code chromium-driver}, installed by {@code scripts/install-prerequisites.sh}).
 * Nothing is downloaded: the driver and browser paths are explicit, so Selenium Manager is never asked.
 * Each browser has a fresh profile and its own download directory, and keeps the page's console messages
 * ({@link #consoleMessages()}).
 */
final class Browser implements AutoCloseable {
    static final String CHROMIUM = System.getProperty("eto.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("eto.chromedriver", "/usr/bin/chromedriver");
    /** Where the end state of each scenario is saved as PNG for people to look at. */
    static final Path SCREENSHOTS = Paths.get("target", "screenshots");
    /** The longest any wait in the browser tests may last; generous for a loaded 2-core machine. */
    static final Duration WAIT = Duration.ofSeconds(60);

    /** Selenium warns that it has no DevTools bindings for this Chromium; the tests use WebDriver only. */
    private static final java.util.logging.Logger SELENIUM_LOG = quiet();

    final WebDriver driver;
    final Path downloads;
    private final Path profile;

    Browser() {
        this(options -> { });
    }

    /** A browser with more options, e.g. {@code --ignore-certificate-errors} for a self-signed certificate. */
    Browser(Consumer<ChromeOptions> extra) {
        try {
            profile = Files.createTempDirectory("eto-webapp-chromium-profile");
            downloads = Files.createTempDirectory("eto-webapp-downloads");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--window-size=1280,1400", "--lang=en-US");
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", downloads.toAbsolutePath().toString());
        prefs.put("download.prompt_for_download", false);
        prefs.put("intl.accept_languages", "en-US,en");
        options.setExperimentalOption("prefs", prefs);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);   // the page's console: errors, warnings (mixed content), logs
        options.setCapability("goog:loggingPrefs", logs);
        extra.accept(options);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
    }

    WebDriverWait waiting() {
        return new WebDriverWait(driver, WAIT, Duration.ofMillis(50));
    }

    <T> T until(Function<WebDriver, T> condition) {
        return waiting().until(condition);
    }

    WebElement id(String id) {
        return driver.findElement(By.id(id));
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Opens the page and waits until its texts are loaded. */
    void open(String url) {
        driver.get(url);
        until(d -> "true".equals(js("return document.body.getAttribute('data-ready')")));
    }

    /** Waits until an element's text equals {@code expected}, and returns it. */
    String waitText(String elementId, String expected) {
        until(d -> expected.equals(id(elementId).getText()));
        return expected;
    }

    /**
     * The console messages (and network errors the browser reports there) since the last call.
     *
     * @return each as "LEVEL message"
     */
    List<String> consoleMessages() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map((LogEntry e) -> e.getLevel().getName() + " " + e.getMessage())
                .toList();
    }

    /** Writes a PNG of the page under target/screenshots. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            // Tall enough for the whole page, so the screenshot shows the full end state.
            Number height = (Number) js("return Math.max(document.body.scrollHeight, 900)");
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280,
                    Math.min(height.intValue() + 40, 5000)));
            byte[] png = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, png);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for a finished download (no partial file left) and returns it. */
    Path awaitDownload() {
        return until(d -> {
            try (Stream<Path> files = Files.list(downloads)) {
                List<Path> all = files.toList();
                boolean partial = all.stream()
                        .anyMatch(p -> p.toString().endsWith(".crdownload") || p.toString().endsWith(".tmp"));
                // Chromium may create the final name empty before its .crdownload appears: wait for content.
                return partial || all.isEmpty() || Files.size(all.get(0)) == 0 ? null : all.get(0);
            } catch (IOException e) {
                return null;
            }
        });
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteTree(profile);
        }
    }

    private static java.util.logging.Logger quiet() {
        java.util.logging.Logger log = java.util.logging.Logger.getLogger("org.openqa.selenium");
        log.setLevel(java.util.logging.Level.SEVERE);
        return log;
    }

    static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temporary directory left behind is harmless.
        }
    }
}
