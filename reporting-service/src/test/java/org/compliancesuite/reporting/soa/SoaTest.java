package org.compliancesuite.reporting.soa;

import static io.restassured.RestAssured.given;
import static org.compliancesuite.reporting.Fixture.fresh;
import static org.compliancesuite.reporting.Fixture.item;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.compliancesuite.common.security.Roles;
import org.compliancesuite.common.testing.TokenMatrix;
import org.compliancesuite.reporting.Fixture;
import org.compliancesuite.reporting.upstream.UpstreamStubResource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(UpstreamStubResource.class)
public class SoaTest {

    static final String ISO = "iso27001-2022";

    /**
     * The 93 controls: A.5.1 to A.5.5 excluded; A.5.6 to A.5.15 planned; A.5.16 to A.5.20 partial; A.5.21 not started;
     * every other control (72) implemented. c-ok has fresh evidence, c-old stale; A.8.x controls map to c-old.
     */
    public static Fixture isoTenant(String prefix) {
        Fixture f = Fixture.tenant(prefix);
        f.frameworks(Fixture.framework(ISO, "ISO/IEC 27001:2022", 12))
                .checklist(ISO, Fixture.annexA(SoaTest::annexItem))
                .freshness(fresh("c-ok", "ev-ok", true), fresh("c-old", "ev-old", false));
        return f;
    }

    static Map<String, Object> annexItem(String code) {
        String[] parts = code.split("\\.");
        int theme = Integer.parseInt(parts[1]);
        int n = Integer.parseInt(parts[2]);
        String control = theme == 8 ? "c-old" : "c-ok";
        if (theme == 5 && n <= 5) {
            return item(code, "not-applicable");
        }
        if (theme == 5 && n <= 15) {
            return item(code, "planned", control);
        }
        if (theme == 5 && n <= 20) {
            return item(code, "partial", control);
        }
        if (theme == 5 && n == 21) {
            return item(code, "not-started");
        }
        return item(code, "implemented", control);
    }

    @Test
    void listsAllAnnexAControlsWithCountsThatFollowFromTheChecklist() {
        Fixture f = isoTenant("soa");

        given().auth()
                .oauth2(f.token(Roles.AUDITOR))
                .get("/api/v1/reports/iso27001/soa")
                .then()
                .statusCode(200)
                .body("controls", hasSize(93))
                .body("controls[0].code", equalTo("A.5.1"))
                .body("controls[92].code", equalTo("A.8.34"))
                .body("summary.total", equalTo(93))
                .body("summary.excluded", equalTo(5))
                .body("summary.applicable", equalTo(88))
                .body("summary.planned", equalTo(10))
                .body("summary.partial", equalTo(5))
                .body("summary.notStarted", equalTo(1))
                .body("summary.implemented", equalTo(72))
                .body("summary.withFreshEvidence", equalTo(88 - 34 - 1))
                .body("controls.find { it.code == 'A.5.1' }.applicable", equalTo(false))
                .body("controls.find { it.code == 'A.5.1' }.status", equalTo("not-applicable"))
                .body("controls.find { it.code == 'A.5.1' }.justification", equalTo("no such processing"))
                .body("controls.find { it.code == 'A.5.30' }.evidenceIds", contains("ev-ok"))
                .body("controls.find { it.code == 'A.5.30' }.evidenceFresh", equalTo(true))
                .body("controls.find { it.code == 'A.8.5' }.evidenceIds", contains("ev-old"))
                .body("controls.find { it.code == 'A.8.5' }.evidenceFresh", equalTo(false))
                .body("issue", nullValue());
    }

    @Test
    void anIncompleteAnnexAIsNotPresentedAsAStatement() {
        Fixture f = isoTenant("soa-short");
        List<Map<String, Object>> items = Fixture.annexA(SoaTest::annexItem);
        f.checklist(ISO, items.subList(0, items.size() - 1));

        given().auth()
                .oauth2(f.token(Roles.AUDITOR))
                .get("/api/v1/reports/iso27001/soa")
                .then()
                .statusCode(502)
                .body("detail", containsString("92"));
    }

    @Test
    void issuedSnapshotsStayReadableAsIssued() {
        Fixture f = isoTenant("soa-issue");
        String manager = f.token(Roles.COMPLIANCE_MANAGER);

        String id = given().auth()
                .oauth2(manager)
                .contentType(ContentType.JSON)
                .body(Map.of("version", "2026.1", "approver", "Jane Roe, CISO"))
                .post("/api/v1/reports/iso27001/soa/snapshots")
                .then()
                .statusCode(201)
                .header("Location", containsString("/api/v1/reports/iso27001/soa/snapshots/"))
                .body("issue.version", equalTo("2026.1"))
                .body("issue.approver", equalTo("Jane Roe, CISO"))
                .body("issue.issuedBy", equalTo("user-" + f.tenant))
                .body("issue.issueDate", equalTo(LocalDate.now(ZoneOffset.UTC).toString()))
                .body("summary.implemented", equalTo(72))
                .extract()
                .path("issue.snapshotId");

        SoaSnapshot stored = QuarkusTransaction.requiringNew().call(() -> SoaSnapshot.findById(UUID.fromString(id)));
        assertEquals(f.tenant, stored.tenant);
        assertEquals("2026.1", stored.version);
        assertEquals("user-" + f.tenant, stored.issuedBy);
        assertTrue(stored.report.contains("\"A.8.34\""));

        // The checklist changes afterwards: the issued version keeps what was issued.
        f.checklist(ISO, Fixture.annexA(code -> item(code, "implemented", "c-ok")));
        given().auth()
                .oauth2(manager)
                .contentType(ContentType.JSON)
                .body(Map.of("version", "2026.1", "approver", "Jane Roe"))
                .post("/api/v1/reports/iso27001/soa/snapshots")
                .then()
                .statusCode(409);

        given().auth()
                .oauth2(f.token(Roles.AUDITOR))
                .get("/api/v1/reports/iso27001/soa/snapshots/" + id)
                .then()
                .statusCode(200)
                .body("issue.version", equalTo("2026.1"))
                .body("summary.implemented", equalTo(72))
                .body("controls", hasSize(93));
        given().auth()
                .oauth2(f.token(Roles.AUDITOR))
                .get("/api/v1/reports/iso27001/soa/snapshots")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].snapshotId", equalTo(id));

        Fixture other = isoTenant("soa-other");
        given().auth()
                .oauth2(other.token(Roles.AUDITOR))
                .get("/api/v1/reports/iso27001/soa/snapshots/" + id)
                .then()
                .statusCode(404)
                .body("status", equalTo(404));
        given().auth()
                .oauth2(other.token(Roles.AUDITOR))
                .get("/api/v1/reports/iso27001/soa/snapshots/not-a-uuid")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(other.token(Roles.AUDITOR))
                .get("/api/v1/reports/iso27001/soa/snapshots")
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
    }

    @Test
    void issuingOneVersionManyTimesAtOnceIssuesItOnce() throws Exception {
        Fixture f = isoTenant("soa-race");
        String manager = f.token(Roles.COMPLIANCE_MANAGER);
        // Read once so that every racer gets the statement from the cache and reaches the insert at about once.
        given().auth()
                .oauth2(manager)
                .get("/api/v1/reports/iso27001/soa")
                .then()
                .statusCode(200);

        int racers = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(racers);
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(racers);
        List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < racers; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return given().auth()
                            .oauth2(manager)
                            .contentType(ContentType.JSON)
                            .body(Map.of("version", "2026.race", "approver", "Jane Roe"))
                            .post("/api/v1/reports/iso27001/soa/snapshots")
                            .then()
                            .contentType(org.hamcrest.Matchers.startsWith("application"))
                            .extract()
                            .statusCode();
                }));
            }
            List<Integer> statuses = new java.util.ArrayList<>();
            for (var answer : answers) {
                statuses.add(answer.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
            assertEquals(racers - 1, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(
                1L,
                QuarkusTransaction.requiringNew()
                        .call(() -> SoaSnapshot.count("tenant = ?1 and version = ?2", f.tenant, "2026.race")));
    }

    @Test
    void anIssueNeedsAVersionAndAnApprover() {
        Fixture f = isoTenant("soa-invalid");
        given().auth()
                .oauth2(f.token(Roles.GRC_ADMIN))
                .contentType(ContentType.JSON)
                .body(Map.of("version", " "))
                .post("/api/v1/reports/iso27001/soa/snapshots")
                .then()
                .statusCode(422)
                .body("errors.field", org.hamcrest.Matchers.hasItems("approver", "version"));
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> SoaSnapshot.count("tenant", f.tenant)));
    }

    @Test
    void tokenMatrix() {
        TokenMatrix.assertRefusals(
                TokenMatrix::bearer,
                "GET",
                "/api/v1/reports/iso27001/soa",
                "matrix",
                Roles.AUDITOR,
                Roles.EVIDENCE_COLLECTOR);
        TokenMatrix.assertRefusals(
                token -> TokenMatrix.bearer(token)
                        .contentType(ContentType.JSON)
                        .body(Map.of("version", "1", "approver", "x")),
                "POST",
                "/api/v1/reports/iso27001/soa/snapshots",
                "matrix",
                Roles.GRC_ADMIN,
                Roles.AUDITOR);
        TokenMatrix.assertRefusals(
                TokenMatrix::bearer,
                "GET",
                "/api/v1/reports/iso27001/soa/snapshots",
                "matrix",
                Roles.AUDITOR,
                Roles.PHI_ENCRYPTOR);
        TokenMatrix.assertRefusals(
                TokenMatrix::bearer,
                "GET",
                "/api/v1/reports/iso27001/soa/snapshots/" + UUID.randomUUID(),
                "matrix",
                Roles.AUDITOR,
                Roles.EVIDENCE_COLLECTOR);
    }
}
