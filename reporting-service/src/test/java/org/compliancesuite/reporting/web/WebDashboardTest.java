package org.compliancesuite.reporting.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.compliancesuite.common.security.Roles;
import org.compliancesuite.reporting.Fixture;
import org.compliancesuite.reporting.dashboard.DashboardTest;
import org.compliancesuite.reporting.upstream.UpstreamStubResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The web dashboard in headless Chromium (Debian's chromium and chromium-driver), against the stubbed services. */
@QuarkusTest
@QuarkusTestResource(UpstreamStubResource.class)
class WebDashboardTest {

    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TestHTTPResource("/")
    URL page;

    ChromeDriver browser;
    Path profile;
    Path downloads;

    @BeforeEach
    void startBrowser() throws IOException {
        profile = Files.createTempDirectory("chromium-profile");
        downloads = Files.createDirectories(Path.of("target", "downloads")).toAbsolutePath();
        Files.createDirectories(downloads);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-dev-shm-usage",
                "--window-size=1280,2400",
                "--user-data-dir=" + profile);
        options.setExperimentalOption(
                "prefs",
                java.util.Map.of(
                        "download.default_directory", downloads.toString(), "download.prompt_for_download", false));
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }

    @Test
    void thePageIsPublicButTheApiIsNot() {
        given().get("/")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/html"))
                .body(containsString("Sign in"));
        given().get("/app.js").then().statusCode(200);
        given().get("/api/v1/dashboard").then().statusCode(401).contentType(startsWith("application/problem+json"));
    }

    @Test
    void signsInAndShowsScoresTrendFindingsAndDrillDown() throws IOException {
        Fixture f = DashboardTest.standard("web");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        // More than 90 earlier days: today's point must still be drawn (the page asks for the whole window).
        DashboardTest.storeSnapshots(f.tenant, 1, 95);

        browser.get(page.toString());
        browser.findElement(By.id("token")).sendKeys(f.token(Roles.AUDITOR));
        browser.findElement(By.id("sign-in")).click();

        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-framework='fw-a']")));
        assertEquals("66.7 %", browser.findElement(By.id("overall-score")).getText());
        WebElement frameworkA = browser.findElement(By.cssSelector("[data-framework='fw-a']"));
        assertTrue(frameworkA.getText().contains("Framework A"));
        assertTrue(frameworkA.getText().contains("75 %"));
        assertTrue(frameworkA.getText().contains("3 of 4 covered"));
        assertTrue(browser.findElement(By.cssSelector("[data-framework='fw-b']"))
                .getText()
                .contains("50 %"));

        assertEquals("(6)", browser.findElement(By.id("findings-total")).getText());
        List<String> findings = browser.findElements(By.cssSelector("#findings tbody tr")).stream()
                .map(WebElement::getText)
                .toList();
        assertTrue(findings.stream().anyMatch(r -> r.contains("run-id:MFA_MISSING")), findings.toString());
        assertTrue(findings.stream().anyMatch(r -> r.contains("rejected-evidence") && r.contains("ev-r1")));
        List<WebElement> stale = browser.findElements(By.cssSelector("#stale tbody tr"));
        assertEquals(1, stale.size());
        assertTrue(
                stale.getFirst().getText().contains("c-old"), stale.getFirst().getText());
        assertTrue(browser.findElement(By.id("scope")).getText().contains("every framework counts"));
        assertTrue(browser.findElement(By.id("figures")).getText().contains("92.5 %"));

        // Today and the 90 days before: 91 points, the last one today's.
        List<WebElement> points = browser.findElements(By.cssSelector("#trend circle.trend-point"));
        assertEquals(91, points.size());
        assertEquals(today.toString(), points.getLast().getDomAttribute("data-date"));
        assertEquals(today.minusDays(90).toString(), points.getFirst().getDomAttribute("data-date"));
        assertTrue(browser.findElement(By.id("trend-gaps")).getText().contains("A snapshot for every day"));

        frameworkA.click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("drill-body"), "Remediation plan"));
        String drill = browser.findElement(By.id("drill-body")).getText();
        assertTrue(drill.contains("A-4"), drill);
        assertTrue(drill.contains("no-fresh-accepted-evidence"), drill);

        assertTrue(browser.findElements(By.cssSelector("#report-links button[data-format='pdf']"))
                        .size()
                >= 5);

        // A download is fetched with the token and saved as a file.
        Path csv = downloads.resolve("dashboard-" + today + ".csv");
        Files.deleteIfExists(csv);
        browser.findElement(By.cssSelector("#report-links button[data-report='/api/v1/dashboard'][data-format='csv']"))
                .click();
        wait.until(b -> Files.exists(csv));
        wait.until(b -> {
            try {
                return Files.readString(csv).contains("fw-a,Framework A,75.0,in-progress");
            } catch (IOException e) {
                return false;
            }
        });

        Path screenshots = Path.of("target", "screenshots");
        Files.createDirectories(screenshots);
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), screenshots.resolve("dashboard.png"), StandardCopyOption.REPLACE_EXISTING);
        assertTrue(Files.size(screenshots.resolve("dashboard.png")) > 10_000);
    }

    @Test
    void aRejectedTokenSendsThePersonBackToSignIn() {
        browser.get(page.toString());
        browser.findElement(By.id("token")).sendKeys("not-a-token");
        browser.findElement(By.id("sign-in")).click();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
        assertTrue(browser.findElement(By.id("error")).getText().contains("Sign in again"));
        assertTrue(browser.findElement(By.id("sign-in-panel")).isDisplayed());
    }
}
