package org.compliancesuite.evidence.retention;

import static io.restassured.RestAssured.given;
import static org.compliancesuite.evidence.TestData.count;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.compliancesuite.common.testing.TokenMatrix;
import org.compliancesuite.evidence.TestData;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RetentionTest {

    private static final String TENANT = "acme-retention";

    @Inject
    AgroalDataSource db;

    @Test
    void retentionFollowsTheFrameworksTheEvidenceSupports() {
        String hipaa = TestData.record(TENANT, "hipaa", List.of("encryption-at-rest"), null);
        String pci = TestData.record(TENANT, "pci", List.of("audit-logging"), null);
        String other = TestData.record(TENANT, "other", List.of("mfa"), null);

        assertRetention(hipaa, 6, "45 CFR 164.316(b)(2)");
        assertRetention(pci, 1, "PCI DSS 10.5.1");
        assertRetention(other, 1, "suite default");
    }

    @Test
    void deletingBeforeTheEndOfRetentionAnswers409() {
        String id = TestData.record(TENANT, "keep", List.of("audit-logging"), null);
        given().auth()
                .oauth2(TestData.manager(TENANT))
                .when()
                .delete("/api/v1/evidence/" + id)
                .then()
                .statusCode(409)
                .body("detail", containsString("PCI DSS 10.5.1"));
        assertEquals(1, count(db, "SELECT count(*) FROM evidence WHERE id = ?::uuid AND deleted_at IS NULL", id));
        assertEquals(
                0,
                count(db, "SELECT count(*) FROM ledger_entry WHERE evidence_id = ?::uuid AND event = 'deleted'", id));
    }

    @Test
    void retentionShortenedWithSqlIsFlaggedByVerify() {
        String tenant = "acme-retention-sql";
        String id = TestData.record(tenant, "shortened", List.of("encryption-at-rest"), null);
        TestData.update(db, "UPDATE evidence SET retain_until = now() - interval '1 day' WHERE id = ?::uuid", id);

        TestData.verifyLedger(tenant)
                .statusCode(200)
                .body("valid", equalTo(false))
                .body("firstBroken.evidenceId", equalTo(id))
                .body("firstBroken.field", equalTo("retainUntil"))
                .body("firstBroken.sequence", equalTo(1));
    }

    @Test
    void refusesBadTokensAndOtherTenants() {
        String id = TestData.record(TENANT, "tenant", List.of("mfa"), null);
        TokenMatrix.assertRefusals(
                TokenMatrix::bearer, "DELETE", "/api/v1/evidence/" + id, TENANT, "grc-admin", "auditor");
        TokenMatrix.assertRefusals(
                token -> TokenMatrix.bearer(token).contentType(ContentType.JSON).body(Map.of("reason", "x")),
                "PUT",
                "/api/v1/evidence/" + id + "/legal-hold",
                TENANT,
                "compliance-manager",
                "evidence-collector");
        given().auth()
                .oauth2(TestData.manager("globex"))
                .when()
                .delete("/api/v1/evidence/" + id)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(TestData.manager("globex"))
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "x"))
                .when()
                .put("/api/v1/evidence/" + id + "/legal-hold")
                .then()
                .statusCode(404);
    }

    private void assertRetention(String id, int years, String basis) {
        List<Object> row = TestData.rows(
                        db,
                        "SELECT extract(year FROM age(retain_until, created_at))::int, retention_basis FROM evidence"
                                + " WHERE id = ?::uuid",
                        id)
                .getFirst();
        assertEquals(years, ((Number) row.get(0)).intValue());
        assertEquals(true, ((String) row.get(1)).startsWith(basis), (String) row.get(1));
    }
}
