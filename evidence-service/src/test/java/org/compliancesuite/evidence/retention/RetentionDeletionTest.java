package org.compliancesuite.evidence.retention;

import static io.restassured.RestAssured.given;
import static org.compliancesuite.evidence.TestData.count;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.compliancesuite.common.testing.TokenMatrix;
import org.compliancesuite.evidence.TestData;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(ShortRetentionProfile.class)
class RetentionDeletionTest {

    private static final String TENANT = "acme-deletion";

    @Inject
    AgroalDataSource db;

    @Test
    void aLegalHoldBlocksDeletionAfterRetentionEnded() {
        String id = TestData.record(TENANT, "held", List.of("audit-logging"), null);
        hold(id, "litigation 2026-17");
        given().auth()
                .oauth2(TestData.manager(TENANT))
                .when()
                .delete("/api/v1/evidence/" + id)
                .then()
                .statusCode(409)
                .body("detail", containsString("legal hold"));
        assertEquals(1, count(db, "SELECT count(*) FROM evidence WHERE id = ?::uuid AND deleted_at IS NULL", id));
        assertEquals(
                1,
                count(
                        db,
                        "SELECT count(*) FROM ledger_entry WHERE evidence_id = ?::uuid AND event = 'legal-hold-set'",
                        id));
    }

    @Test
    void hipaaRetentionStillRunsBesideIt() {
        String id = TestData.record(TENANT, "hipaa", List.of("encryption-at-rest"), null);
        given().auth()
                .oauth2(TestData.manager(TENANT))
                .when()
                .delete("/api/v1/evidence/" + id)
                .then()
                .statusCode(409)
                .body("detail", containsString("45 CFR 164.316(b)(2)"));
    }

    @Test
    void deletionAfterRetentionRemovesContentAndLeavesATombstone() {
        String tenant = "acme-deletion-tombstone";
        String id = TestData.record(tenant, "expired", List.of("mfa"), null);
        TestData.review(tenant, id, "accepted");
        hold(tenant, id, "audit");
        given().auth()
                .oauth2(TestData.manager(tenant))
                .when()
                .delete("/api/v1/evidence/" + id + "/legal-hold")
                .then()
                .statusCode(200)
                .body("legalHold", equalTo(false));

        given().auth()
                .oauth2(TestData.manager(tenant))
                .when()
                .delete("/api/v1/evidence/" + id)
                .then()
                .statusCode(200)
                .body(
                        "deletedAt",
                        startsWith(String.valueOf(
                                Instant.now().atZone(ZoneOffset.UTC).getYear())));

        assertEquals(
                0,
                count(
                        db,
                        "SELECT count(*) FROM content_chunk WHERE content_id = (SELECT content_id FROM evidence"
                                + " WHERE id = ?::uuid)",
                        id));
        assertEquals(
                1,
                count(db, "SELECT count(*) FROM ledger_entry WHERE evidence_id = ?::uuid AND event = 'deleted'", id));
        assertEquals(
                0,
                count(
                        db,
                        "SELECT accepted_count FROM control_summary WHERE tenant = ? AND control_id = 'mfa'",
                        tenant));
        given().auth()
                .oauth2(TestData.auditor(tenant))
                .when()
                .get("/api/v1/evidence/" + id + "/content")
                .then()
                .statusCode(410);
        given().auth()
                .oauth2(TestData.auditor(tenant))
                .when()
                .get("/api/v1/evidence")
                .then()
                .body("items.id", not(hasItem(id)));
        TestData.verifyLedger(tenant).body("valid", equalTo(true)).body("evidenceChecked", equalTo(1));
        given().auth()
                .oauth2(TestData.manager(tenant))
                .when()
                .delete("/api/v1/evidence/" + id)
                .then()
                .statusCode(409);
    }

    @Test
    void releasingAHoldRefusesBadTokens() {
        String id = TestData.record(TENANT, "tokens", List.of("mfa"), null);
        TokenMatrix.assertRefusals(
                TokenMatrix::bearer,
                "DELETE",
                "/api/v1/evidence/" + id + "/legal-hold",
                TENANT,
                "grc-admin",
                "auditor");
        given().auth()
                .oauth2(TestData.manager("globex"))
                .when()
                .delete("/api/v1/evidence/" + id + "/legal-hold")
                .then()
                .statusCode(404);
    }

    private void hold(String id, String reason) {
        hold(TENANT, id, reason);
    }

    private void hold(String tenant, String id, String reason) {
        given().auth()
                .oauth2(TestData.manager(tenant))
                .contentType(ContentType.JSON)
                .body(Map.of("reason", reason))
                .when()
                .put("/api/v1/evidence/" + id + "/legal-hold")
                .then()
                .statusCode(200)
                .body("legalHold", equalTo(true));
    }
}
