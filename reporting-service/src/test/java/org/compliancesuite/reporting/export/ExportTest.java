package org.compliancesuite.reporting.export;

import static io.restassured.RestAssured.given;
import static org.compliancesuite.reporting.Fixture.map;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.compliancesuite.common.security.Roles;
import org.compliancesuite.common.testing.TestTokens;
import org.compliancesuite.reporting.Fixture;
import org.compliancesuite.reporting.soa.SoaTest;
import org.compliancesuite.reporting.upstream.UpstreamStubResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;

/** CSV, PDF and OSCAL exports; OSCAL is validated against the NIST OSCAL 1.1.2 assessment-results schema. */
@QuarkusTest
@QuarkusTestResource(UpstreamStubResource.class)
class ExportTest {

    /** Resolved from the module directory; CI has shared/ beside the clone. */
    /** The SHA-256 of the official OSCAL 1.1.2 assessment-results schema (shared/oscal/1.1.2/). */
    static final String OSCAL_SCHEMA_SHA256 = "d033da70154cf6625ae46a746199e88e58f2928b1387dfac051d381b92f41b0d";

    /**
     * The official schema: the copy beside the repository (shared/ next to the clone) when there is one, otherwise the
     * copy in this module's test resources, which must then have the official file's SHA-256.
     */
    static final Path OSCAL_SCHEMA =
            Files.exists(Path.of("../../shared/oscal/1.1.2/oscal_assessment-results_schema.json"))
                    ? Path.of("../../shared/oscal/1.1.2/oscal_assessment-results_schema.json")
                    : Path.of("src/test/resources/oscal/1.1.2/oscal_assessment-results_schema.json");

    static JsonSchema schema;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void loadSchema() throws IOException, NoSuchAlgorithmException {
        assertEquals(
                OSCAL_SCHEMA_SHA256,
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(OSCAL_SCHEMA))),
                OSCAL_SCHEMA + " is the official schema");
        try (InputStream in = Files.newInputStream(OSCAL_SCHEMA)) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }
    }

    static byte[] download(String token, String path, String format) {
        return given().auth()
                .oauth2(token)
                .queryParam("format", format)
                .get(path)
                .then()
                .statusCode(200)
                .header("Content-Disposition", startsWith("attachment; filename="))
                .extract()
                .asByteArray();
    }

    static String pdfText(byte[] pdf) throws IOException {
        assertEquals("%PDF", new String(pdf, 0, 4, StandardCharsets.US_ASCII));
        PdfReader reader = new PdfReader(pdf);
        PdfTextExtractor extractor = new PdfTextExtractor(reader);
        StringBuilder text = new StringBuilder();
        for (int page = 1; page <= reader.getNumberOfPages(); page++) {
            text.append(extractor.getTextFromPage(page)).append('\n');
        }
        reader.close();
        return text.toString();
    }

    static JsonNode validOscal(byte[] document) throws IOException {
        JsonNode node = JSON.readTree(document);
        Set<ValidationMessage> errors = schema.validate(node);
        assertTrue(errors.isEmpty(), () -> "OSCAL schema violations: " + errors);
        return node;
    }

    @Test
    void soaExportsAsCsvPdfAndValidOscal() throws IOException {
        Fixture f = SoaTest.isoTenant("soa-export");
        String token = f.token(Roles.AUDITOR);
        String path = "/api/v1/reports/iso27001/soa";

        String csv = new String(download(token, path, "csv"), StandardCharsets.UTF_8);
        List<String> lines = csv.lines().toList();
        assertEquals(1 + 8 + 1 + 93, lines.size(), "header, summary, the table's columns and 93 controls");
        assertEquals("section,line,1,2,3,4,5,6,7,8", lines.get(0));
        assertEquals("Summary,columns,fact,value,,,,,,", lines.get(1));
        assertTrue(lines.contains("Summary,row,Applicable,88,,,,,,"));
        assertTrue(lines.contains("Annex A controls,columns,control,title,applicable,justification,status,"
                + "common controls,evidence,fresh evidence"));
        assertTrue(lines.contains(
                "Annex A controls,row,A.5.1,Requirement A.5.1,no,no such processing,not-applicable,,,no"));
        assertTrue(lines.contains(
                "Annex A controls,row,A.8.34,Requirement A.8.34,yes,in scope,implemented,c-old,ev-old,no"));

        String text = pdfText(download(token, path, "pdf"));
        assertTrue(text.contains("Statement of Applicability"));
        assertTrue(text.contains("A.8.34"));
        assertTrue(text.contains("Implemented"));

        JsonNode oscal = validOscal(download(token, path, "oscal"));
        JsonNode findings = oscal.at("/assessment-results/results/0/findings");
        assertEquals(88, findings.size(), "one finding per applicable control");
        List<String> satisfied = new ArrayList<>();
        findings.forEach(n -> {
            if ("satisfied".equals(n.at("/target/status/state").asText())) {
                satisfied.add(n.at("/target/target-id").asText());
            }
        });
        // Implemented with fresh evidence: A.5.22-37 (16), A.6 (8), A.7 (14); A.8 evidence is stale.
        assertEquals(38, satisfied.size());
        assertTrue(satisfied.contains("A.5.22"));

        // The schema check is not vacuous: the same document without its required uuid is refused.
        ((com.fasterxml.jackson.databind.node.ObjectNode) oscal.get("assessment-results")).remove("uuid");
        assertTrue(!schema.validate(oscal).isEmpty());
    }

    @Test
    void dashboardPdfDrawsTheChartAndOscalIsValid() throws IOException {
        Fixture f = org.compliancesuite.reporting.dashboard.DashboardTest.standard("dash-export");
        String token = f.token(Roles.COMPLIANCE_MANAGER);
        byte[] pdf = download(token, "/api/v1/dashboard", "pdf");
        // Kept for people to look at: the chart is drawn, not text, so only its labels can be asserted.
        Files.createDirectories(Path.of("target", "exports"));
        Files.write(Path.of("target", "exports", "dashboard.pdf"), pdf);
        String text = pdfText(pdf);
        assertTrue(text.contains("Compliance dashboard"));
        assertTrue(text.contains("Score per framework"));
        assertTrue(text.contains("Overall score over time"));
        assertTrue(text.contains("66.7"));
        assertTrue(text.contains("run-id:MFA_MISSING"));

        JsonNode oscal = validOscal(download(token, "/api/v1/dashboard", "oscal"));
        assertEquals(
                "fw-a",
                oscal.at("/assessment-results/results/0/findings/0/target/target-id")
                        .asText());

        String csv = new String(download(token, "/api/v1/dashboard", "csv"), StandardCharsets.UTF_8);
        assertTrue(csv.lines().anyMatch(l -> l.startsWith("Frameworks,row,fw-a,Framework A,75.0,in-progress,4,3,")));
    }

    @Test
    void everyAssessmentReportHasValidOscal() throws IOException {
        Fixture f = Fixture.tenant("oscal-all");
        f.frameworks(Fixture.framework("pci-dss-4.0.1", "PCI DSS", 12), Fixture.framework("soc2-2017", "SOC 2", 12))
                .checklist(
                        "pci-dss-4.0.1",
                        Fixture.item("8.4.2", "implemented", "mfa"),
                        Fixture.item("164.312(b)", "planned"))
                .checklist("soc2-2017", Fixture.item("CC6.1", "implemented", "mfa"))
                .freshness(Fixture.fresh("mfa", "ev-mfa", true));
        String token = f.token(Roles.AUDITOR);

        JsonNode pci = validOscal(download(token, "/api/v1/reports/pci-dss", "oscal"));
        assertEquals(
                "req-8.4.2",
                pci.at("/assessment-results/results/0/findings/0/target/target-id")
                        .asText());
        assertEquals(
                "urn:compliance-suite:evidence:ev-mfa",
                pci.at("/assessment-results/results/0/observations/0/relevant-evidence/0/href")
                        .asText());
        validOscal(download(token, "/api/v1/reports/gaps/pci-dss-4.0.1", "oscal"));
        validOscal(given().auth()
                .oauth2(token)
                .queryParam("type", "type1")
                .queryParam("format", "oscal")
                .get("/api/v1/reports/soc2")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray());

        String pciPdf = pdfText(download(token, "/api/v1/reports/pci-dss", "pdf"));
        assertTrue(pciPdf.contains("Implementation checklist"));
        String comparison =
                new String(download(token, "/api/v1/reports/frameworks/comparison", "csv"), StandardCharsets.UTF_8);
        assertTrue(comparison.lines().anyMatch(l -> l.startsWith("Frameworks,row,soc2-2017,SOC 2,1,")));
    }

    /** RFC 4180 records of a CSV body: fields split on commas outside quotes, doubled quotes unescaped. */
    static List<List<String>> records(String csv) {
        assertTrue(csv.endsWith("\r\n"), "CRLF line ends");
        List<List<String>> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                fields.add(field.toString());
                field.setLength(0);
                records.add(fields);
                fields = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
        }
        return records;
    }

    /** The sections of a CSV export, in order, after checking that every record has the same number of fields. */
    static List<String> sections(String csv) {
        List<List<String>> records = records(csv);
        int width = records.getFirst().size();
        assertTrue(records.stream().allMatch(r -> r.size() == width), "every record has " + width + " fields");
        assertEquals(List.of("section", "line"), records.getFirst().subList(0, 2));
        return records.stream()
                .skip(1)
                .filter(r -> r.get(1).equals("columns"))
                .map(r -> r.getFirst())
                .toList();
    }

    static String csv(String token, String path, Map<String, String> query) {
        return given().auth()
                .oauth2(token)
                .queryParams(query)
                .queryParam("format", "csv")
                .get(path)
                .then()
                .statusCode(200)
                .contentType(startsWith("text/csv"))
                .extract()
                .asString();
    }

    @Test
    void everyTableOfEveryReportIsASectionOfItsCsv() {
        Fixture dash = org.compliancesuite.reporting.dashboard.DashboardTest.standard("csv-sections");
        String token = dash.token(Roles.AUDITOR);
        String dashboard = csv(token, "/api/v1/dashboard", Map.of("from", "2026-10-01", "to", "2026-12-31"));
        assertEquals(
                List.of(
                        "Summary",
                        "Frameworks",
                        "Open findings",
                        "Monitor figures",
                        "Remediation 2026-10-01 to 2026-12-31",
                        "Training"),
                sections(dashboard));
        List<List<String>> records = records(dashboard);
        assertTrue(records.stream()
                .anyMatch(
                        r -> r.subList(0, 4).equals(List.of("Open findings", "row", "rejected-evidence", "c-stale"))));
        assertTrue(records.stream()
                .anyMatch(r -> r.subList(0, 5).equals(List.of("Training", "row", "40.0", "35.0", "87.5"))));
        assertTrue(
                records.stream().anyMatch(r -> r.subList(0, 3).equals(List.of("Monitor figures", "row", "identity"))));

        Fixture pci = Fixture.tenant("csv-pci");
        pci.frameworks(Fixture.framework("pci-dss-4.0.1", "PCI DSS", 12), Fixture.framework("soc2-2017", "SOC 2", 12))
                .checklist(
                        "pci-dss-4.0.1", Fixture.item("8.4.2", "implemented", "mfa"), Fixture.item("8.6.1", "planned"))
                .checklist("soc2-2017", Fixture.item("CC6.1", "implemented", "mfa"))
                .maturity(Fixture.maturityOf(
                        "mfa",
                        2,
                        4,
                        Fixture.remediation("rm-1", "open", java.time.LocalDate.parse("2027-01-31"), null)))
                .freshness(Fixture.fresh("mfa", "ev-mfa", true));
        String pciToken = pci.token(Roles.AUDITOR);
        assertEquals(
                List.of("Summary", "Implementation checklist", "Status per principal requirement"),
                sections(csv(pciToken, "/api/v1/reports/pci-dss", Map.of())));
        List<String> gaps = sections(csv(pciToken, "/api/v1/reports/gaps/pci-dss-4.0.1", Map.of()));
        assertEquals(List.of("Summary", "Requirements with gaps", "Maturity against target", "Remediation plan"), gaps);
        String soc2 = csv(
                pciToken, "/api/v1/reports/soc2", Map.of("type", "type2", "from", "2026-01-01", "to", "2026-06-30"));
        assertEquals(List.of("Summary", "Criteria", "Tests of controls", "Exceptions"), sections(soc2));
    }

    @Test
    void csvCellsCannotRunAsSpreadsheetFormulas() {
        Fixture f = Fixture.tenant("csv-formula");
        Map<String, Object> hostile = new java.util.LinkedHashMap<>(Fixture.item("8.4.2", "implemented", "mfa"));
        hostile.put("title", "=HYPERLINK(\"https://attacker.example\",\"click\")");
        hostile.put("owner", "@SUM(1+1)");
        Map<String, Object> hostile2 = new java.util.LinkedHashMap<>(Fixture.item("8.4.3", "planned"));
        hostile2.put("title", "+1+cmd|' /C calc'!A0");
        hostile2.put("owner", "-2+3");
        Map<String, Object> hostile3 = new java.util.LinkedHashMap<>(Fixture.item("8.4.4", "planned"));
        hostile3.put("title", "\t=1+1");
        hostile3.put("owner", "\r=2+2");
        f.frameworks(Fixture.framework("pci-dss-4.0.1", "PCI DSS", 12))
                .checklist("pci-dss-4.0.1", List.of(hostile, hostile2, hostile3));

        List<List<String>> rows = records(csv(f.token(Roles.AUDITOR), "/api/v1/reports/pci-dss", Map.of())).stream()
                .filter(r -> r.getFirst().equals("Implementation checklist")
                        && r.get(1).equals("row"))
                .toList();
        assertEquals(3, rows.size());
        assertEquals(
                "'=HYPERLINK(\"https://attacker.example\",\"click\")",
                rows.get(0).get(3));
        assertEquals("'@SUM(1+1)", rows.get(0).get(5));
        assertEquals("'+1+cmd|' /C calc'!A0", rows.get(1).get(3));
        assertEquals("'-2+3", rows.get(1).get(5));
        assertEquals("'\t=1+1", rows.get(2).get(3));
        assertEquals("'\r=2+2", rows.get(2).get(5));
    }

    @Test
    void untestedSoc2CriteriaAreNotSatisfiedInOscal() throws IOException {
        Fixture f = Fixture.tenant("oscal-untested");
        f.frameworks(Fixture.framework("soc2-2017", "SOC 2", 12))
                .checklist(
                        "soc2-2017",
                        Fixture.item("CC6.1", "implemented", "mfa"),
                        Fixture.item("CC7.2", "implemented", "audit-logging"))
                .samples("mfa", sample("s-1", "mfa", "2026-01-01", "2026-06-30"))
                .samples("audit-logging", sample("s-2", "audit-logging", "2026-01-01", "2026-03-31"));
        JsonNode oscal = validOscal(given().auth()
                .oauth2(f.token(Roles.AUDITOR))
                .queryParam("type", "type2")
                .queryParam("from", "2026-01-01")
                .queryParam("to", "2026-06-30")
                .queryParam("format", "oscal")
                .get("/api/v1/reports/soc2")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray());
        JsonNode findings = oscal.at("/assessment-results/results/0/findings");
        assertEquals("CC6.1", findings.get(0).at("/target/target-id").asText());
        assertEquals("satisfied", findings.get(0).at("/target/status/state").asText());
        assertEquals("pass", findings.get(0).at("/target/status/reason").asText());
        assertEquals("CC7.2", findings.get(1).at("/target/target-id").asText());
        assertEquals("not-satisfied", findings.get(1).at("/target/status/state").asText());
        assertEquals("other", findings.get(1).at("/target/status/reason").asText());
        assertTrue(findings.get(1).at("/target/status/remarks").asText().startsWith("not tested: "));
    }

    static Map<String, Object> sample(String id, String control, String from, String to) {
        return map(
                "id",
                id,
                "controlId",
                control,
                "periodStart",
                from,
                "periodEnd",
                to,
                "frequency",
                "daily",
                "sampleSize",
                1,
                "populationSize",
                90,
                "seed",
                "7",
                "drawnAt",
                "2026-07-01T00:00:00Z",
                "items",
                List.of(map("id", id + "-1", "evidenceId", "ev-" + id, "result", "pass", "testedBy", "auditor")));
    }

    @Test
    void unknownFormatsAndOscalOfNonAssessmentsAreRefused() {
        Fixture f = Fixture.tenant("formats");
        f.frameworks(Fixture.framework("x", "X", 12));
        given().auth()
                .oauth2(f.token(Roles.AUDITOR))
                .queryParam("format", "xlsx")
                .get("/api/v1/reports/frameworks/comparison")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("format"))
                .body("errors[0].message", containsString("json, csv, pdf, oscal"));
        given().auth()
                .oauth2(f.token(Roles.AUDITOR))
                .queryParam("format", "oscal")
                .get("/api/v1/reports/frameworks/comparison")
                .then()
                .statusCode(406)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void breachPlanExportsAsCsvAndPdf() throws IOException {
        String token = TestTokens.token("export-hipaa", Roles.COMPLIANCE_MANAGER);
        Object body = map("discoveryDate", "2026-03-10", "affectedByState", map("CA", 600));
        String csv = given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .queryParam("format", "csv")
                .body(body)
                .post("/api/v1/reports/hipaa/breach-plan")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/csv"))
                .extract()
                .asString();
        assertTrue(csv.lines()
                .anyMatch(l -> l.startsWith("Notifications,row,media-notice,")
                        && l.contains("45 CFR 164.406,")
                        && l.contains(",CA,2026-05-09,")));
        byte[] pdf = given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .queryParam("format", "pdf")
                .body(body)
                .post("/api/v1/reports/hipaa/breach-plan")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        assertTrue(pdfText(pdf).contains("45 CFR 164.408"));
    }
}
