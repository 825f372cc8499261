package dev.gantry.system.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real browser for one test: Debian's headless Chromium, driven through its chromedriver (packages
 * {@code chromium} and {@code chromium-driver}, which {@code ./gantry test} installs), with a profile of its own.
 */
public final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of(System.getProperty("gantry.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("gantry.chromedriver", "/usr/bin/chromedriver"));
    /** Long: the agent works for real (a sandbox, a shell) on a machine that may be busy. */
    public static final Duration WAIT = Duration.ofMinutes(3);

    private final ChromeDriver driver;
    private final Path profile;
    private final String base;

    private Browser(ChromeDriver driver, Path profile, String base) {
        this.driver = driver;
        this.profile = profile;
        this.base = base;
    }

    /** Opens a browser on the gateway at {@code base} (its root, where the web UI is served). */
    public static Browser open(String base) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("the browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": apt-get install chromium chromium-driver (./gantry test installs them)");
        }
        try {
            Path profile = Files.createTempDirectory("gantry-chromium-");
            ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
            return new Browser(driver, profile, base.replaceAll("/+$", ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public WebDriver driver() {
        return driver;
    }

    /** Opens an address of the app: {@code /#/conversations}, {@code /#token=...}. */
    public void go(String path) {
        driver.get(base + path);
    }

    /** Signs in as the login link {@code ./gantry up} prints does: the token in the fragment. */
    public void signIn(String token) {
        go("/#token=" + token);
        await(d -> d.getCurrentUrl().endsWith("#/conversations") && !d.findElements(By.id("conversations")).isEmpty());
    }

    public WebElement find(By by) {
        return await(d -> {
            List<WebElement> found = d.findElements(by);
            return found.isEmpty() || !found.getFirst().isDisplayed() ? null : found.getFirst();
        });
    }

    public <T> T await(Function<WebDriver, T> condition) {
        return await(WAIT, condition);
    }

    public <T> T await(Duration timeout, Function<WebDriver, T> condition) {
        try {
            // the page re-renders as events arrive: an element found a moment ago may be replaced by the time it is asked
            return new WebDriverWait(driver, timeout, Duration.ofMillis(50))
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition::apply);
        } catch (TimeoutException e) {
            throw new TimeoutException(e.getMessage() + "\n" + describe(), e);
        }
    }

    /** Where the browser is and what it shows, with its console: for a failing test's message. */
    public String describe() {
        StringBuilder text = new StringBuilder("at ").append(driver.getCurrentUrl()).append("\npage text:\n");
        try {
            String body = driver.findElement(By.tagName("body")).getText();
            text.append(body, 0, Math.min(body.length(), 3000));
            text.append("\nconsole:\n");
            driver.manage().logs().get(LogType.BROWSER).forEach(entry -> text.append(entry).append('\n'));
        } catch (RuntimeException unreadable) {
            text.append("(unreadable: ").append(unreadable.getMessage()).append(')');
        }
        return text.toString();
    }

    public Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** The seqs of the events the conversation page shows, in page order. */
    @SuppressWarnings("unchecked")
    public List<Long> shownSeqs() {
        return (List<Long>) script("return [...document.querySelectorAll('#events .event')].map(e => Number(e.dataset.seq));");
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temporary profile left behind
            }
        }
    }
}
