package io.latchkey.it.browser;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.latchkey.it.RelyingParty;
import io.latchkey.it.Server;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
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
 * Debian's chromium, headless, driven through /usr/bin/chromedriver (so Selenium Manager never goes to the
 * network), with a fresh profile; plus the few page steps the tests share, by the names of the page
 * contract (DESIGN §3).
 */
final class Chromium implements AutoCloseable {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(20);

    final WebDriver driver;
    private final Path profile;

    private Chromium(WebDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static Chromium start() {
        try {
            Path profile = Files.createTempDirectory("latchkey-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary("/usr/bin/chromium");
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--user-data-dir=" + profile, "--window-size=1100,820", "--lang=en-US",
                    "--hide-scrollbars");
            options.setExperimentalOption("prefs", Map.of("credentials_enable_service", false,
                    "profile.password_manager_enabled", false, "profile.password_manager_leak_detection", false));
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.PERFORMANCE, Level.ALL);
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                    .usingAnyFreePort()
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return new Chromium(driver, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A browser with no cookies at all (every test starts signed out). */
    void forgetEverything() {
        ((ChromeDriver) driver).executeCdpCommand("Network.clearBrowserCookies", Map.of());
        driver.get("about:blank");
    }

    void open(String url) {
        driver.get(url);
    }

    String url() {
        return driver.getCurrentUrl();
    }

    /** Waits until the browser's URL starts with one of the prefixes; gives the URL. */
    String waitForUrl(String... prefixes) {
        try {
            new WebDriverWait(driver, WAIT).until(d -> {
                String url = d.getCurrentUrl();
                return Stream.of(prefixes).anyMatch(url::startsWith);
            });
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("the browser stayed at " + url() + " instead of reaching " + List.of(prefixes)
                    + "; console: " + console() + "; page: " + driver.getPageSource(), e);
        }
        return url();
    }

    /** What the page printed to the console (CSP violations among it). */
    List<String> console() {
        List<String> lines = new ArrayList<>();
        driver.manage().logs().get(LogType.BROWSER).forEach(entry -> lines.add(entry.getLevel() + " " + entry.getMessage()));
        return lines;
    }

    /** What the browser brought to the relying party; on a timeout, where the browser stopped and why. */
    RelyingParty.Callback arrival(RelyingParty rp) {
        try {
            return rp.await();
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the browser is at " + url() + "; console: " + console()
                    + "; page: " + driver.getPageSource(), e);
        }
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    boolean has(String css) {
        return !driver.findElements(By.cssSelector(css)).isEmpty();
    }

    /** Fills the login page and submits it (DESIGN §3 names). */
    void signIn(String username, String password) {
        waitForUrl(Server.ISSUER + "/login?");
        find("input[name=username]").clear();
        find("input[name=username]").sendKeys(username);
        find("input[name=password]").sendKeys(password);
        find("button[type=submit]").click();
    }

    /** Presses allow or deny on the consent page. */
    void decide(String decision) {
        waitForUrl(Server.ISSUER + "/consent?");
        find("button[name=decision][value=" + decision + "]").click();
    }

    /** Saves the whole page the browser shows as target/screenshots/{name}.png (for the README). */
    Path screenshot(String name) {
        org.openqa.selenium.Dimension before = driver.manage().window().getSize();
        try {
            long page = ((Number) script("return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight)")).longValue();
            long chrome = ((Number) script("return window.outerHeight - window.innerHeight")).longValue();
            if (page + chrome > before.getHeight()) {
                driver.manage().window().setSize(new org.openqa.selenium.Dimension(before.getWidth(), (int) (page + chrome)));
            }
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.write(target, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    Object script(String js) {
        return ((JavascriptExecutor) driver).executeScript(js);
    }

    /** Empties the performance log, so that {@link #documentRequests} sees only what follows. */
    void resetNetworkLog() {
        driver.manage().logs().get(LogType.PERFORMANCE);
    }

    /** Every document (page) request the browser made since the last reset, redirect hops included. */
    List<String> documentRequests() {
        List<String> urls = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
            try {
                Map<String, Object> message = JSONObjectUtils.getJSONObject(JSONObjectUtils.parse(entry.getMessage()), "message");
                if (!"Network.requestWillBeSent".equals(message.get("method"))) {
                    continue;
                }
                Map<String, Object> params = JSONObjectUtils.getJSONObject(message, "params");
                if ("Document".equals(params.get("type"))) {
                    String url = JSONObjectUtils.getString(JSONObjectUtils.getJSONObject(params, "request"), "url");
                    urls.add(url);
                }
            } catch (java.text.ParseException e) {
                throw new AssertionError("unreadable performance log entry " + entry.getMessage(), e);
            }
        }
        return urls;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> walk = Files.walk(profile)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp dir left behind is harmless
            }
        }
    }
}
