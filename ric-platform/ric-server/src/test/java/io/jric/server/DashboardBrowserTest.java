package io.jric.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The dashboard in a real browser: Debian's chromium, driven through the system chromedriver by
 * Selenium, against a real RIC (grid, E2, xApp host, A1) with the simulator connected over gRPC and the
 * demo loop sending controls. The page asks for the admin token, then shows the cells (in the table and
 * on the map), the xApps, a control in the control log, the A1 policy and an anomaly finding, and then updates: the snapshot
 * counter and the charts' points grow. Skips when chromium or chromedriver is not installed (CI installs
 * them, .ci/run). Nothing is downloaded: the driver and the browser are given by path, so Selenium
 * Manager never runs. A screenshot of the page is left in {@code target/} as test output.
 */
class DashboardBrowserTest {
    private static final File DRIVER = new File(System.getProperty("jric.test.chromedriver", "/usr/bin/chromedriver"));
    private static final File BROWSER = new File(System.getProperty("jric.test.chromium", "/usr/bin/chromium"));
    private static final String TOKEN = "browser-test-token";

    @Test
    void cellsXappsAndAControlAppearAndUpdate() throws Exception {
        Assumptions.assumeTrue(DRIVER.canExecute() && BROWSER.canExecute(),
                "no " + BROWSER + " or " + DRIVER + ": apt-get install chromium chromium-driver to run the browser test");
        try (RicFixture f = new RicFixture(Files.createTempDirectory("jric-dash-browser"), c -> c
                .set("admin.auth", "tokens").set("admin.tokens", TOKEN))) {
            f.ric.dashboard().cellPositions(DemoCommand.simulatorPositions(f.sim));
            f.ric.xapps().install(DemoLoop.descriptor(37, 46, 2), null, null);
            RicFixture.await(() -> f.ric.e2().stats().controlsAcked() >= 1, "a demo-loop control acknowledged");
            String rail = "/A1-P/v2/policytypes/jric.guardrails.v1/policies/browser-ceiling";
            assertEquals(201, f.send("PUT", rail, "{\"scope\":\"*\",\"txPowerMaxDbm\":46}").statusCode());
            // a finding where the anomaly detection xApp publishes them (that xApp lives in its own module)
            String cell = f.sim.model().cells().get(0).cellId();
            f.ric.grid().ignite().<String, String>getOrCreateCache(DashboardApi.FINDINGS_CACHE).put(cell + "@1",
                    "{\"cell\":\"" + cell + "\",\"node\":\"n\",\"kpi\":\"prbUsedDlPct\",\"score\":0.97,\"timeMs\":"
                            + System.currentTimeMillis() + ",\"type\":\"CELL_OUTAGE\",\"alarm\":true,\"detector\":\"mlp\"}");

            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(DRIVER).usingAnyFreePort().build();
            ChromeOptions options = new ChromeOptions();
            options.setBinary(BROWSER);
            options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                    "--window-size=1400,2000", "--no-first-run", "--disable-extensions", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--user-data-dir=" + Files.createTempDirectory("jric-chromium"));
            WebDriver browser = new ChromeDriver(service, options);
            try {
                browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
                browser.get(f.url("/dashboard"));

                // no token yet: the page asks for one; a wrong one is refused, the right one shows the data
                await(() -> browser.findElement(By.id("login")).isDisplayed(), "the login form", browser);
                login(browser, "not-the-token");
                await(() -> browser.findElement(By.id("login-why")).getText().contains("403"), "the wrong token refused", browser);
                login(browser, TOKEN);
                await(() -> browser.findElement(By.id("main")).isDisplayed(), "the dashboard shown", browser);
                await(() -> "live".equals(browser.findElement(By.id("status")).getText()), "the stream live", browser);

                // the cells: 2 gNBs x 3 cells, in the table and on the map
                await(() -> rows(browser, "cells").size() == 6, "6 cells in the table", browser);
                await(() -> "6".equals(browser.findElement(By.id("map")).getAttribute("data-cells")), "6 cells on the map", browser);
                assertEquals(2, rows(browser, "nodes").size());
                // the xApps with their instances
                await(() -> text(browser, "xapps").contains("demo-loop"), "the demo loop among the xApps", browser);
                assertTrue(text(browser, "xapps").contains("running"), text(browser, "xapps"));
                // a control in the control log, and the A1 policy with its status
                await(() -> text(browser, "controls").contains("demo-loop"), "a demo-loop control in the log", browser);
                assertTrue(text(browser, "controls").contains("ACK"), text(browser, "controls"));
                await(() -> text(browser, "policies").contains("browser-ceiling"), "the A1 policy", browser);
                await(() -> text(browser, "findings").contains("CELL_OUTAGE"), "the anomaly finding", browser);

                // the charts start from the grid's recent series: more than one point per cell at once
                assertTrue(Integer.parseInt(browser.findElement(By.id("chart-prb")).getAttribute("data-points")) > 6);

                // and it updates: the snapshot counter grows, and new samples are plotted
                long seq = Long.parseLong(browser.findElement(By.id("seq")).getText());
                long samples = Long.parseLong(browser.findElement(By.id("chart-prb")).getAttribute("data-samples"));
                await(() -> Long.parseLong(browser.findElement(By.id("seq")).getText()) >= seq + 2, "two more snapshots", browser);
                await(() -> Long.parseLong(browser.findElement(By.id("chart-prb")).getAttribute("data-samples")) > samples,
                        "new samples in the charts", browser);
                long controls = f.ric.e2().stats().controlsAcked();
                RicFixture.await(() -> f.ric.e2().stats().controlsAcked() > controls, "another control");
                String before = text(browser, "controls");
                await(() -> !text(browser, "controls").equals(before), "the control log updated", browser);
                screenshot(browser, "dashboard-browser-test.png");
            } catch (AssertionError | RuntimeException e) {
                screenshot(browser, "dashboard-browser-test-failed.png");
                throw e;
            } finally {
                browser.quit();
                service.stop();
            }
        }
    }

    private static void login(WebDriver browser, String token) {
        WebElement field = browser.findElement(By.id("token"));
        field.clear();
        field.sendKeys(token);
        browser.findElement(By.cssSelector("#login button")).click();
    }

    private static List<WebElement> rows(WebDriver browser, String table) {
        return browser.findElements(By.cssSelector("#" + table + " tbody tr"));
    }

    private static String text(WebDriver browser, String id) {
        return browser.findElement(By.id(id)).getText();
    }

    /** Polls the page until the condition holds; fails after 60 s with the page's status line. */
    private static void await(Supplier<Boolean> condition, String what, WebDriver browser) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (Boolean.TRUE.equals(condition.get())) return;
            } catch (RuntimeException e) {   // element not there yet, or replaced while read
                last = e;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        String status;
        try {
            status = browser.findElement(By.id("status")).getText();
        } catch (RuntimeException e) {
            status = "?";
        }
        AssertionError error = new AssertionError("timed out waiting for " + what + " (page status: " + status + ")");
        if (last != null) error.addSuppressed(last);
        throw error;
    }

    private static void screenshot(WebDriver browser, String name) {
        try {
            Path dir = Path.of("target");
            Files.createDirectories(dir);
            File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        } catch (Exception e) {
            // a screenshot is a courtesy; the assertions decide
        }
    }
}
