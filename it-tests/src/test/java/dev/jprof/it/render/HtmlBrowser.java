package dev.jprof.it.render;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium for the HTML report tests, driven through the system chromedriver: both paths are
 * given explicitly so Selenium Manager never downloads anything. Skips, loudly, when either is missing.
 */
final class HtmlBrowser implements AutoCloseable {
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    final ChromeDriver driver;
    private final Path profileDir;

    private HtmlBrowser(ChromeDriver driver, Path profileDir) {
        this.driver = driver;
        this.profileDir = profileDir;
    }

    static HtmlBrowser start() throws IOException {
        boolean present = Files.isExecutable(Paths.get(CHROMIUM)) && Files.isExecutable(Paths.get(CHROMEDRIVER));
        if (!present) {
            String why = "SKIPPED: headless Chromium tests need " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (apt-get install -y chromium chromium-driver)";
            System.err.println(why);
            assumeTrue(false, why);
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        Path profile = Files.createTempDirectory("jprof-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1400,1000", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        return new HtmlBrowser(new ChromeDriver(service, options), profile);
    }

    /** Opens a report from file:// and waits until its script marked the page ready. */
    void open(Path file) {
        driver.get(file.toUri().toString());
        waitUntilReady();
    }

    void waitUntilReady() {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d ->
                js("return document.documentElement.getAttribute('data-jprof-ready')") != null
                        || !severeLogs().isEmpty());
    }

    private final List<LogEntry> seen = new ArrayList<>();

    /** Browser console entries at SEVERE level since the browser started (errors, uncaught exceptions, CSP). */
    List<String> severeLogs() {
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            seen.add(e);
        }
        List<String> out = new ArrayList<>();
        for (LogEntry e : seen) {
            if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
                out.add(e.getMessage());
            }
        }
        return out;
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    long jsLong(String script, Object... args) {
        return ((Number) js(script, args)).longValue();
    }

    void click(String css) {
        driver.findElement(By.cssSelector(css)).click();
    }

    /** Saves a PNG to ${jprof.artifacts}. */
    Path screenshot(String name) throws IOException {
        Path dir = Paths.get(System.getProperty("jprof.artifacts", "target/artifacts"));
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".png");
        Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        return file;
    }

    WebDriver driver() {
        return driver;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map(String script, Object... args) {
        return (Map<String, Object>) js(script, args);
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profileDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
