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

    /**
     * Waits until an element is on the page: after a form posted to the URL the browser is already at, where
     * {@link #waitForUrl} cannot tell the answer's page from the form's.
     */
    WebElement waitFor(String css) {
        try {
            return new WebDriverWait(driver, WAIT).until(d -> d.findElements(By.cssSelector(css)).stream()
                    .findFirst().orElse(null));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("no " + css + " at " + url() + "; console: " + console() + "; page: "
                    + driver.getPageSource(), e);
        }
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

    /** A width and colour scheme at which {@link #assertAccessible} checks a page. */
    private record Viewing(String name, int width, int height, String colorScheme) {
    }

    private static final List<Viewing> VIEWINGS = List.of(new Viewing("desktop", 1100, 820, "light"),
            new Viewing("phone", 390, 844, "light"), new Viewing("desktop, dark", 1100, 820, "dark"));
    private static final String AXE_RUN = """
            const done = arguments[arguments.length - 1];
            axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
                               resultTypes: ['violations']})
               .then(results => done(results.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                     nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html,
                                               summary: n.failureSummary}))}))),
                     error => done('axe-core failed: ' + error));
            """;

    /**
     * Runs axe-core's WCAG 2.0 and 2.1 level A and AA rules on the page the browser shows, at desktop and phone
     * width (and in the dark colour scheme); fails naming each violated rule and the nodes that break it. Leaves
     * the window as it found it.
     */
    void assertAccessible(String pageName) {
        org.openqa.selenium.Dimension before = driver.manage().window().getSize();
        List<String> violations = new ArrayList<>();
        try {
            for (Viewing viewing : VIEWINGS) {
                driver.manage().window().setSize(new org.openqa.selenium.Dimension(viewing.width(), viewing.height()));
                ((ChromeDriver) driver).executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                        List.of(Map.of("name", "prefers-color-scheme", "value", viewing.colorScheme()))));
                violations.addAll(axeViolations(viewing.name()));
            }
        } finally {
            ((ChromeDriver) driver).executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
            driver.manage().window().setSize(before);
        }
        if (!violations.isEmpty()) {
            throw new AssertionError("axe-core " + AxeCore.VERSION + " finds WCAG 2.1 AA violations on the "
                    + pageName + " page (" + url() + "):\n" + String.join("\n", violations));
        }
    }

    @SuppressWarnings("unchecked")
    private List<String> axeViolations(String viewing) {
        if (!Boolean.TRUE.equals(script("return typeof window.axe === 'object'"))) {
            script(AxeCore.script());
        }
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        Object result = ((JavascriptExecutor) driver).executeAsyncScript(AXE_RUN);
        if (!(result instanceof List<?> found)) {
            throw new AssertionError("axe-core did not run on " + url() + " (" + viewing + "): " + result);
        }
        List<String> lines = new ArrayList<>();
        for (Object item : found) {
            Map<String, Object> violation = (Map<String, Object>) item;
            lines.add("[" + viewing + "] rule " + violation.get("id") + " (" + violation.get("impact") + "): "
                    + violation.get("help"));
            for (Object node : (List<Object>) violation.get("nodes")) {
                Map<String, Object> n = (Map<String, Object>) node;
                lines.add("    node " + n.get("target") + " " + n.get("html") + " - "
                        + String.valueOf(n.get("summary")).replace("\n", " "));
            }
        }
        return lines;
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
