package org.compliancesuite.evidence.monitor;

import static io.restassured.RestAssured.given;
import static org.compliancesuite.evidence.TestData.count;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.compliancesuite.common.testing.TestTokens;
import org.compliancesuite.common.testing.TokenMatrix;
import org.compliancesuite.evidence.TestData;
import org.compliancesuite.evidence.UpstreamStubs;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MonitorTest {

    @Inject
    AgroalDataSource db;

    @Inject
    MonitorSchedule schedule;

    @Test
    void identitySnapshotFiguresAreComputedFromTheAccounts() {
        String tenant = "acme-identity";
        Instant now = Instant.now();
        List<Map<String, Object>> accounts = List.of(
                account("alice", true, now.minus(1, ChronoUnit.DAYS), true, 16),
                account("bob", false, now.minus(100, ChronoUnit.DAYS), true, 14),
                account("carol", true, null, false, 12),
                account("dave", false, now.minus(5, ChronoUnit.DAYS), false, 8));
        String evidenceId = given().auth()
                .oauth2(TestTokens.token(tenant, "security-officer"))
                .contentType(ContentType.JSON)
                .body(Map.of("accounts", accounts))
                .when()
                .post("/api/v1/monitors/identity/snapshots")
                .then()
                .statusCode(201)
                .body("monitor", equalTo("identity"))
                .body("passed", equalTo(false))
                .body("figures.accountsTotal", equalTo(4))
                .body("figures.mfaCoveragePercent", equalTo(50.0f))
                .body("figures.inactiveAccounts", equalTo(2))
                .body("figures.privilegedWithoutMfa", equalTo(1))
                .body("figures.passwordPolicyCompliant", equalTo(false))
                .body("figures.baselinePasswordPolicyCompliant", equalTo(false))
                .body("figures.pciPasswordPolicyCompliant", equalTo(false))
                .body("figures.accountsBelowPasswordBaseline", equalTo(2))
                .body("figures.accountsBelowPciPasswordMinimum", equalTo(1))
                .body(
                        "findings.code",
                        containsInAnyOrder(
                                "mfa-missing", "privileged-without-mfa", "inactive-account", "password-policy"))
                .extract()
                .path("evidenceId");

        assertEquals(
                1,
                count(
                        db,
                        "SELECT count(*) FROM evidence WHERE id = ?::uuid AND source = 'monitor' AND tenant = ?",
                        evidenceId,
                        tenant));
        assertEquals(2, count(db, "SELECT count(*) FROM evidence_control WHERE evidence_id = ?::uuid", evidenceId));
    }

    @Test
    void identityCsvAllCompliantPasses() {
        String tenant = "acme-identity-csv";
        String today = Instant.now().truncatedTo(ChronoUnit.DAYS).toString().substring(0, 10);
        String csv = "id,mfaEnabled,lastLogin,privileged,passwordMinLength\n"
                + "u1,true," + today + ",true,14\n"
                + "\"u,2\",yes," + Instant.now() + ",false,20\n";
        given().auth()
                .oauth2(TestTokens.token(tenant, "evidence-collector"))
                .contentType("text/csv")
                .body(csv)
                .when()
                .post("/api/v1/monitors/identity/snapshots")
                .then()
                .statusCode(201)
                .body("passed", equalTo(true))
                .body("figures.accountsTotal", equalTo(2))
                .body("figures.mfaCoveragePercent", equalTo(100.0f))
                .body("figures.passwordPolicyCompliant", equalTo(true))
                .body("figures.baselinePasswordPolicyCompliant", equalTo(true))
                .body("figures.pciPasswordPolicyCompliant", equalTo(true))
                .body("findings.size()", equalTo(0));

        given().auth()
                .oauth2(TestTokens.token(tenant, "evidence-collector"))
                .contentType("text/csv")
                .body("id,mfaEnabled,lastLogin,privileged,passwordMinLength\nu1,maybe,,true,14\n")
                .when()
                .post("/api/v1/monitors/identity/snapshots")
                .then()
                .statusCode(422)
                .body("errors.field", contains("line 2.mfaEnabled"));
    }

    @Test
    void pciAndBaselinePasswordComplianceAreReportedApart() {
        // 12 and 13 characters meet PCI DSS 8.3.6 but not the suite's 14-character baseline
        String csv = "id,mfaEnabled,lastLogin,privileged,passwordMinLength\n"
                + "u1,true," + Instant.now() + ",false,12\n"
                + "u2,true," + Instant.now() + ",false,13\n";
        given().auth()
                .oauth2(TestTokens.token("acme-identity-pci", "security-officer"))
                .contentType("text/csv")
                .body(csv)
                .when()
                .post("/api/v1/monitors/identity/snapshots")
                .then()
                .statusCode(201)
                .body("figures.pciPasswordPolicyCompliant", equalTo(true))
                .body("figures.baselinePasswordPolicyCompliant", equalTo(false))
                .body("figures.passwordPolicyCompliant", equalTo(false))
                .body("figures.accountsBelowPciPasswordMinimum", equalTo(0))
                .body("figures.accountsBelowPasswordBaseline", equalTo(2))
                .body("findings.code", contains("password-policy"));
    }

    @Test
    void trainingRosterGivesCompletion() {
        String tenant = "acme-training";
        given().auth()
                .oauth2(TestData.manager(tenant))
                .contentType("text/csv")
                .body("person,course,assignedAt,completedAt\n"
                        + "p1,hipaa-awareness,2026-01-05,2026-01-20\n"
                        + "p2,hipaa-awareness,2026-01-05,\n"
                        + "p3,phishing,2026-02-01,2026-02-03\n"
                        + "p4,phishing,2026-02-01,2026-02-10\n")
                .when()
                .post("/api/v1/monitors/training/rosters")
                .then()
                .statusCode(201)
                .body("figures.assigned", equalTo(4))
                .body("figures.completed", equalTo(3))
                .body("figures.completionPercent", equalTo(75.0f))
                .body("passed", equalTo(false))
                .body("findings[0].message", containsString("hipaa-awareness"));

        given().auth()
                .oauth2(TestData.auditor(tenant))
                .when()
                .get("/api/v1/monitors/latest")
                .then()
                .statusCode(200)
                .body("monitor", contains("training"))
                .body("[0].figures.completionPercent", equalTo(75.0f))
                .body("[0].runId", notNullValue())
                .body("[0].evidenceId", notNullValue())
                .body("[0].ranAt", notNullValue());
    }

    @Test
    void tlsMonitorHandshakesWithEachEndpoint() {
        String tenant = "acme-tls";
        var run = given().auth()
                .oauth2(TestTokens.token(tenant, "security-officer"))
                .when()
                .post("/api/v1/monitors/tls/runs")
                .then()
                .statusCode(201)
                .body("monitor", equalTo("tls"))
                .body("passed", equalTo(false))
                .body("figures.endpointsChecked", equalTo(5))
                .body("figures.endpointsFailing", equalTo(4))
                .body("figures.endpointsAcceptingLegacyProtocols", equalTo(1))
                .extract()
                .jsonPath();

        Map<String, Object> valid = run.getMap("figures.endpoints[0]");
        assertEquals(true, valid.get("chainValid"));
        assertEquals(List.of(), valid.get("problems"));
        assertEquals(true, List.of("TLSv1.2", "TLSv1.3").contains(valid.get("protocol")));
        assertEquals(true, ((Number) valid.get("daysToExpiry")).intValue() > 3000);
        assertEquals(true, ((String) valid.get("cipherSuite")).startsWith("TLS_"));
        // a JDK server refuses TLS 1.0 and 1.1: the probe says so instead of assuming it
        assertEquals(Map.of("TLSv1", "refused", "TLSv1.1", "refused"), valid.get("legacyProtocols"));
        assertEquals(List.of(), valid.get("acceptedLegacyProtocols"));

        // the leaf is valid for ten years, its intermediate for ten days: the chain expires with the intermediate
        Map<String, Object> expiring = run.getMap("figures.endpoints[1]");
        assertEquals(true, expiring.get("chainValid"));
        assertEquals(2, expiring.get("chainLength"));
        assertEquals(true, ((Number) expiring.get("daysToExpiry")).intValue() <= 10);
        assertEquals("CN=Test Intermediate", expiring.get("expiresFirst"));
        assertEquals(false, expiring.get("expired"));
        assertEquals(true, expiring.get("problems").toString().contains("certificate CN=Test Intermediate expires in"));

        Map<String, Object> untrusted = run.getMap("figures.endpoints[2]");
        assertEquals(false, untrusted.get("chainValid"));
        assertEquals(true, untrusted.get("problems").toString().contains("certificate chain not valid"));

        Map<String, Object> expired = run.getMap("figures.endpoints[3]");
        assertEquals(true, expired.get("expired"));
        assertEquals(true, ((Number) expired.get("daysToExpiry")).intValue() < 0);
        assertEquals(true, expired.get("problems").toString().contains("expired on"));
        assertEquals(false, expired.get("problems").toString().contains("expires in"));

        Map<String, Object> legacy = run.getMap("figures.endpoints[4]");
        assertEquals(List.of("TLSv1"), legacy.get("acceptedLegacyProtocols"));
        assertEquals(Map.of("TLSv1", "accepted", "TLSv1.1", "refused"), legacy.get("legacyProtocols"));
        assertEquals(true, UpstreamStubs.LEGACY_SERVER_NAMES.contains("localhost"), "SNI is sent to a host name");

        List<String> codes = run.getList("findings.code");
        assertEquals(true, codes.contains("tls-certificate-expiring"), codes.toString());
        assertEquals(true, codes.contains("tls-chain-invalid"), codes.toString());
        assertEquals(true, codes.contains("tls-certificate-expired"), codes.toString());
        assertEquals(true, codes.contains("tls-legacy-protocol-accepted"), codes.toString());
        assertEquals(true, codes.contains("tls-handshake-failed"), codes.toString());
    }

    @Test
    void keyRotationMonitorReadsVaultKeyMetadata() {
        String tenant = "acme-keys";
        given().auth()
                .oauth2(TestTokens.token(tenant, "security-officer"))
                .when()
                .post("/api/v1/monitors/key-rotation/runs")
                .then()
                .statusCode(201)
                .body("figures.keysChecked", equalTo(3))
                .body("figures.keysOverdue", equalTo(2))
                .body("figures.keysExempt", equalTo(1))
                .body("figures.exemptKeys", contains("phi-index"))
                .body("figures.keys.find { it.name == 'phi-index' }.exempt", equalTo(true))
                .body("figures.keys.find { it.name == 'phi' }.rotationPeriodDays", equalTo(90))
                // rotationPeriodDays 0 means automatic rotation is off: the default period applies
                .body("figures.keys.find { it.name == 'audit-hmac' }.rotationPeriodDays", equalTo(365))
                .body("figures.keys.find { it.name == 'audit-hmac' }.rotationPeriodSource", equalTo("default"))
                .body("findings.code", contains("key-rotation-overdue", "key-rotation-overdue"))
                .body("findings[0].message", containsString("evidence-checkpoint version 2 is 400 days old"))
                .body("findings[1].message", containsString("audit-hmac version 2 is 370 days old"))
                .body("findings.message", not(hasItem(containsString("phi-index"))));
    }

    @Test
    void theScheduleRunsOncePerPeriodAndRecordsAFailureWithoutServiceToken() {
        Instant slot = Instant.parse("2031-06-01T00:00:00Z");
        List<MonitorRun> first = schedule.runDue(slot);
        List<MonitorRun> second = schedule.runDue(slot.plusSeconds(30));

        assertEquals(2, first.size());
        assertEquals(0, second.size());
        assertEquals(false, first.getFirst().passed);
        assertEquals(true, first.getFirst().findings.contains("no-service-token"));
        given().auth()
                .oauth2(TestData.auditor("default"))
                .queryParam("monitor", "key-rotation")
                .when()
                .get("/api/v1/monitors/runs")
                .then()
                .statusCode(200)
                .body("items.findings.code.flatten()", hasItem("no-service-token"));
    }

    @Test
    void refusesBadTokensAndKeepsTenantsApart() {
        TokenMatrix.assertRefusals(
                TokenMatrix::bearer, "GET", "/api/v1/monitors/latest", "acme", "auditor", "phi-reader");
        TokenMatrix.assertRefusals(
                TokenMatrix::bearer, "POST", "/api/v1/monitors/tls/runs", "acme", "security-officer", "auditor");
        TokenMatrix.assertRefusals(
                token -> TokenMatrix.bearer(token)
                        .contentType("text/csv")
                        .body("person,course,assignedAt,completedAt\n"),
                "POST",
                "/api/v1/monitors/training/rosters",
                "acme",
                "evidence-collector",
                "auditor");
        given().auth()
                .oauth2(TestData.auditor("globex-monitors"))
                .when()
                .get("/api/v1/monitors/latest")
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));
    }

    private static Map<String, Object> account(
            String id, boolean mfa, Instant lastLogin, boolean privileged, int passwordMinLength) {
        Map<String, Object> account = new HashMap<>();
        account.put("id", id);
        account.put("mfaEnabled", mfa);
        account.put("lastLogin", lastLogin == null ? null : lastLogin.toString());
        account.put("privileged", privileged);
        account.put("passwordMinLength", passwordMinLength);
        return account;
    }
}
