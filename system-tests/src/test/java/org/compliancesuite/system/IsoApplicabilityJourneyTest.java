package org.compliancesuite.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Journey 1: a compliance manager marks ISO 27001 applicability (with justifications for exclusions), uploads
 * evidence for a few controls, an identity-snapshot monitor runs, and the dashboard and Statement of Applicability
 * reflect exactly that.
 */
@Order(10)
class IsoApplicabilityJourneyTest {

    static final String TENANT = "iso-co";
    static final String ISO = "iso27001-2022";
    static final String REMOTE = "Fully remote company: no offices or data centres of its own";

    @Test
    @SuppressWarnings("unchecked")
    void applicabilityEvidenceAndMonitorShowInDashboardAndSoa() throws Exception {
        RunningSuite suite = RunningSuite.get();
        String manager = suite.token(TENANT, "compliance-manager", "evidence-collector", "auditor");
        String catalog = RunningSuite.baseUrl("catalog");
        String evidence = RunningSuite.baseUrl("evidence");

        // The Annex A controls our evidence will reach, from the catalog's own mappings.
        String mfaCode = isoCodeOf(catalog, manager, "mfa");
        String reviewCode = isoCodeOf(catalog, manager, "access-review");
        assertFalse(mfaCode.equals(reviewCode), "two different Annex A controls");

        // An exclusion without a justification is refused and stores nothing.
        Api.as(manager)
                .body(Map.of("applicable", false))
                .put(catalog + "/api/v1/frameworks/" + ISO + "/requirements/A.7.1/applicability")
                .then()
                .statusCode(422)
                .contentType("application/problem+json");
        Api.as(manager)
                .body(Map.of(
                        "items",
                        List.of(
                                Map.of("code", "A.7.1", "applicable", false, "justification", REMOTE),
                                Map.of("code", "A.7.2", "applicable", false, "justification", REMOTE),
                                Map.of(
                                        "code",
                                        mfaCode,
                                        "applicable",
                                        true,
                                        "status",
                                        "implemented",
                                        "owner",
                                        "it-security"),
                                Map.of(
                                        "code",
                                        reviewCode,
                                        "applicable",
                                        true,
                                        "status",
                                        "implemented",
                                        "owner",
                                        "iam-team"),
                                Map.of(
                                        "code",
                                        "A.8.24",
                                        "applicable",
                                        true,
                                        "status",
                                        "planned",
                                        "owner",
                                        "platform",
                                        "targetDate",
                                        "2027-03-31"))))
                .put(catalog + "/api/v1/frameworks/" + ISO + "/applicability")
                .then()
                .statusCode(200);

        // Evidence: a file for MFA (raw upload with its digest) and a JSON record for the access review, accepted.
        byte[] file = "MFA enforcement policy export: all users enrolled except break-glass accounts\n"
                .getBytes(StandardCharsets.UTF_8);
        String digest = "sha-256=:"
                + Base64.getEncoder()
                        .encodeToString(MessageDigest.getInstance("SHA-256").digest(file)) + ":";
        String mfaEvidence = given().auth()
                .oauth2(manager)
                .contentType("text/plain")
                .header("Content-Digest", digest)
                .queryParam("title", "MFA policy export")
                .queryParam("controlId", "mfa")
                .queryParam("fileName", "mfa-policy.txt")
                .body(file)
                .post(evidence + "/api/v1/evidence/upload")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String reviewEvidence = Api.createEvidenceRecord(
                        evidence, manager, "Quarterly access review Q4", List.of("access-review"))
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        for (String id : List.of(mfaEvidence, reviewEvidence)) {
            Api.as(manager)
                    .body(Map.of("decision", "accepted"))
                    .post(evidence + "/api/v1/evidence/" + id + "/review")
                    .then()
                    .statusCode(200);
        }
        given().auth()
                .oauth2(manager)
                .get(evidence + "/api/v1/evidence/" + mfaEvidence + "/content")
                .then()
                .statusCode(200)
                .body(equalTo(new String(file, StandardCharsets.UTF_8)));

        // The identity monitor: 4 accounts, 3 with MFA, one privileged without MFA, one inactive for 200 days.
        String recent = java.time.Instant.now().minusSeconds(86_400).toString();
        String old = java.time.Instant.now().minusSeconds(200L * 86_400).toString();
        Api.as(manager)
                .body(Map.of(
                        "accounts",
                        List.of(
                                account("alice", true, recent, true, 16),
                                account("bob", true, recent, false, 14),
                                account("carol", true, old, false, 14),
                                account("root-ops", false, recent, true, 8))))
                .post(evidence + "/api/v1/monitors/identity/snapshots")
                .then()
                .statusCode(201);

        // The Statement of Applicability shows exactly those decisions and that evidence.
        JsonPath soa = Api.as(manager)
                .get(RunningSuite.baseUrl("reporting") + "/api/v1/reports/iso27001/soa")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(93, soa.getInt("summary.total"));
        assertEquals(2, soa.getInt("summary.excluded"));
        assertEquals(91, soa.getInt("summary.applicable"));
        assertEquals(2, soa.getInt("summary.implemented"));
        assertEquals(1, soa.getInt("summary.planned"));
        Map<String, Object> a71 = row(soa, "A.7.1");
        assertEquals(false, a71.get("applicable"));
        assertEquals(REMOTE, a71.get("justification"));
        Map<String, Object> mfaRow = row(soa, mfaCode);
        assertEquals("implemented", mfaRow.get("status"));
        assertTrue(((List<String>) mfaRow.get("evidenceIds")).contains(mfaEvidence), "SoA links the MFA evidence");
        assertEquals(true, mfaRow.get("evidenceFresh"));
        assertTrue(((List<String>) row(soa, reviewCode).get("evidenceIds")).contains(reviewEvidence));
        assertEquals("planned", row(soa, "A.8.24").get("status"));
        assertEquals("not-started", row(soa, "A.5.1").get("status"), "an undecided control keeps the default");

        // The dashboard: ISO 27001's figures and the identity monitor's, computed from those records.
        JsonPath dashboard = Api.as(manager)
                .get(RunningSuite.baseUrl("reporting") + "/api/v1/dashboard")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Map<String, Object> iso = dashboard.<Map<String, Object>>getList("frameworks").stream()
                .filter(f -> ISO.equals(f.get("frameworkId")))
                .findFirst()
                .orElseThrow();
        assertEquals(2, iso.get("notApplicableRequirements"));
        assertEquals(2, iso.get("coveredRequirements"), "the two implemented controls with accepted evidence");
        Set<String> linked = new LinkedHashSet<>((List<String>) iso.get("evidenceIds"));
        assertTrue(linked.containsAll(List.of(mfaEvidence, reviewEvidence)), "dashboard links the evidence");
        assertTrue(((List<String>) iso.get("uncoveredRequirements")).contains("A.8.24"));
        assertFalse(((List<String>) iso.get("uncoveredRequirements")).contains(mfaCode));
        Map<String, Object> identity = dashboard.getMap("monitors.identity");
        Map<String, Number> figures = (Map<String, Number>) identity.get("figures");
        assertEquals(false, identity.get("passed"));
        assertEquals(4, figures.get("accountsTotal").intValue());
        assertEquals(75.0, figures.get("mfaCoveragePercent").doubleValue(), 0.001);
        assertEquals(1, figures.get("inactiveAccounts").intValue());
        assertEquals(1, figures.get("privilegedWithoutMfa").intValue());
        assertTrue(dashboard.getLong("openFindings.total") >= 1, "the failed identity monitor is an open finding");
    }

    private static Map<String, Object> account(String id, boolean mfa, String lastLogin, boolean privileged, int pw) {
        return Map.of(
                "id", id, "mfaEnabled", mfa, "lastLogin", lastLogin, "privileged", privileged, "passwordMinLength", pw);
    }

    private static String isoCodeOf(String catalog, String token, String control) {
        List<Map<String, Object>> mappings = Api.as(token)
                .get(catalog + "/api/v1/controls/" + control)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("mappings");
        return mappings.stream()
                .filter(m -> ISO.equals(m.get("frameworkId")))
                .map(m -> String.valueOf(m.get("requirementCode")))
                .filter(code -> code.startsWith("A."))
                .findFirst()
                .orElseThrow(() -> new AssertionError(control + " maps to no Annex A control"));
    }

    private static Map<String, Object> row(JsonPath soa, String code) {
        List<Map<String, Object>> rows = soa.getList("controls");
        return rows.stream()
                .filter(r -> code.equals(r.get("code")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no SoA row " + code));
    }
}
