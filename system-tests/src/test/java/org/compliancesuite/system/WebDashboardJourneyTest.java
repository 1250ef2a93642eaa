package org.compliancesuite.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web dashboard as a person meets it: served by the running reporting-service, computing from the running
 * catalog and evidence services, in Debian's headless Chromium. Journey 1 left tenant iso-co with applicability
 * decisions, accepted evidence and an identity monitor run; the page must show exactly what the API computes from
 * them, drill down to the records, and download a report.
 */
@Order(14)
class WebDashboardJourneyTest {

    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final String TENANT = IsoApplicabilityJourneyTest.TENANT;

    ChromeDriver browser;
    Path profile;
    Path downloads;

    @BeforeEach
    void startBrowser() throws IOException {
        profile = Files.createTempDirectory("chromium-profile");
        downloads = Files.createDirectories(Path.of("target", "downloads")).toAbsolutePath();
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
                Map.of("download.default_directory", downloads.toString(), "download.prompt_for_download", false));
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        try (var files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }

    @Test
    void showsWhatTheRunningServicesComputeAndDownloadsAReport() throws IOException {
        RunningSuite suite = RunningSuite.get();
        String token = suite.token(TENANT, "auditor");
        String reporting = RunningSuite.baseUrl("reporting");
        JsonPath dashboard = Api.as(token)
                .get(reporting + "/api/v1/dashboard")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<Map<String, Object>> frameworks = dashboard.getList("frameworks");
        Map<String, Object> iso = frameworks.stream()
                .filter(f -> "iso27001-2022".equals(f.get("frameworkId")))
                .findFirst()
                .orElseThrow();
        // Journey 1 implemented requirements with fresh accepted evidence: the ISO score is computed, and not zero.
        assertTrue(((Number) iso.get("coveredRequirements")).intValue() > 0, "ISO coverage from journey 1: " + iso);

        browser.get(reporting + "/");
        browser.findElement(By.id("token")).sendKeys(token);
        browser.findElement(By.id("sign-in")).click();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-framework='iso27001-2022']")));

        assertEquals(
                dashboard.get("overall.score") + " %",
                browser.findElement(By.id("overall-score")).getText());
        assertEquals(
                frameworks.size(),
                browser.findElements(By.cssSelector("[data-framework]")).size(),
                "one card per framework the dashboard computed");
        WebElement isoCard = browser.findElement(By.cssSelector("[data-framework='iso27001-2022']"));
        assertTrue(isoCard.getText().contains(iso.get("score") + " %"), isoCard.getText());
        assertTrue(
                isoCard.getText()
                        .contains(iso.get("coveredRequirements") + " of " + iso.get("applicableRequirements")
                                + " covered"),
                isoCard.getText());
        assertEquals(
                "(" + dashboard.getInt("openFindings.total") + ")",
                browser.findElement(By.id("findings-total")).getText());
        // The identity monitor of journey 1 ran on real account data; its MFA figure is on the page.
        String figures = browser.findElement(By.id("figures")).getText();
        assertTrue(figures.toLowerCase().contains("mfa"), figures);
        assertTrue(
                browser.findElements(By.cssSelector("#trend circle.trend-point"))
                                .size()
                        >= 1,
                "today's snapshot is on the trend");

        isoCard.click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("drill-body"), "Remediation plan"));
        String drill = browser.findElement(By.id("drill-body")).getText();
        // The drill-down leads to the records behind the score: the evidence ids and the requirements not covered.
        @SuppressWarnings("unchecked")
        List<String> evidenceIds = (List<String>) iso.get("evidenceIds");
        @SuppressWarnings("unchecked")
        List<String> uncovered = (List<String>) iso.get("uncoveredRequirements");
        assertTrue(!evidenceIds.isEmpty() && drill.contains(evidenceIds.getFirst()), "evidence ids: " + drill);
        assertTrue(!uncovered.isEmpty() && drill.contains(uncovered.getFirst()), "uncovered requirements: " + drill);

        // The Statement of Applicability downloads through the page (fetched with the token) as CSV.
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        try (var old = Files.list(downloads)) {
            for (Path p : old.filter(p -> p.getFileName().toString().startsWith("iso27001-soa"))
                    .toList()) {
                Files.delete(p);
            }
        }
        browser.findElement(By.cssSelector(
                        "#report-links button[data-report='/api/v1/reports/iso27001/soa'][data-format='csv']"))
                .click();
        wait.until(b -> soaCsv().isPresent());
        Path csv = soaCsv().orElseThrow();
        wait.until(b -> {
            try {
                return Files.readString(csv).contains("A.8.34");
            } catch (IOException e) {
                return false;
            }
        });
        String soa = Files.readString(csv);
        assertTrue(soa.contains("A.7.1"), "every Annex A control is in the downloaded SoA");
        assertTrue(soa.contains(IsoApplicabilityJourneyTest.REMOTE), "the exclusion's justification is in it");

        Path screenshots = Files.createDirectories(Path.of("target", "screenshots"));
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Path saved = screenshots.resolve("dashboard-live-" + today + ".png");
        Files.copy(shot.toPath(), saved, StandardCopyOption.REPLACE_EXISTING);
        assertTrue(Files.size(saved) > 10_000, "a screenshot of the live page was saved");
    }

    private java.util.Optional<Path> soaCsv() {
        try (var files = Files.list(downloads)) {
            return files.filter(p -> p.getFileName().toString().startsWith("iso27001-soa"))
                    .filter(p -> p.getFileName().toString().endsWith(".csv"))
                    .findFirst();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }
}
