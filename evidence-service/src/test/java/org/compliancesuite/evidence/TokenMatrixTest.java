package org.compliancesuite.evidence;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.compliancesuite.common.chain.HashChain;
import org.compliancesuite.common.testing.TestTokens;
import org.compliancesuite.common.testing.TokenMatrix;
import org.junit.jupiter.api.Test;

/**
 * The token matrix of the endpoints whose feature tests do not carry it, and the reads security-officer was given. The
 * refusals of the other endpoints are in their feature tests.
 */
@QuarkusTest
class TokenMatrixTest {

    private static final String TENANT = "acme-matrix";
    private static final String MISSING = "00000000-0000-0000-0000-000000000000";

    @Test
    void uploads() {
        byte[] file = "matrix".getBytes();
        TokenMatrix.assertRefusals(
                token -> TokenMatrix.bearer(token)
                        .multiPart("metadata", "{\"title\":\"m\",\"controlIds\":[\"mfa\"]}", "application/json")
                        .multiPart("file", "m.txt", file, "text/plain")
                        .multiPart("sha256", HashChain.sha256Hex(file)),
                "POST",
                "/api/v1/evidence",
                TENANT,
                "evidence-collector",
                "auditor");
        TokenMatrix.assertRefusals(
                token -> TokenMatrix.bearer(token)
                        .contentType("text/plain")
                        .header("Content-Digest", TestData.contentDigest(HashChain.sha256Hex(file)))
                        .queryParam("title", "m")
                        .queryParam("controlId", "mfa")
                        .body(file),
                "POST",
                "/api/v1/evidence/upload",
                TENANT,
                "evidence-collector",
                "auditor");
    }

    @Test
    void evidenceReadsReviewsAndLinks() {
        String id = TestData.record(TENANT, "matrix", List.of("mfa"), null);
        TokenMatrix.assertRefusals(
                TokenMatrix::bearer, "GET", "/api/v1/evidence/" + id, TENANT, "security-officer", "phi-reader");
        TokenMatrix.assertRefusals(
                token -> TokenMatrix.bearer(token).contentType(ContentType.JSON).body(Map.of("decision", "accepted")),
                "POST",
                "/api/v1/evidence/" + MISSING + "/review",
                TENANT,
                "auditor",
                "evidence-collector");
        TokenMatrix.assertRefusals(
                token -> TokenMatrix.bearer(token)
                        .contentType(ContentType.JSON)
                        .body(Map.of("controlIds", List.of("mfa"))),
                "PUT",
                "/api/v1/evidence/" + MISSING + "/links",
                TENANT,
                "compliance-manager",
                "auditor");
        TokenMatrix.assertRefusals(
                TokenMatrix::bearer,
                "DELETE",
                "/api/v1/evidence/" + MISSING + "/legal-hold",
                TENANT,
                "grc-admin",
                "auditor");
    }

    @Test
    void ledgerFreshnessAndMonitorReads() {
        TokenMatrix.assertRefusals(
                TokenMatrix::bearer, "GET", "/api/v1/ledger/checkpoints", TENANT, "auditor", "evidence-collector");
        TokenMatrix.assertRefusals(
                TokenMatrix::bearer,
                "GET",
                "/api/v1/freshness/expiring",
                TENANT,
                "security-officer",
                "evidence-collector");
        TokenMatrix.assertRefusals(
                TokenMatrix::bearer, "GET", "/api/v1/monitors/runs", TENANT, "security-officer", "phi-reader");
    }

    @Test
    void monitorInputsAndRuns() {
        String csv = "id,mfaEnabled,lastLogin,privileged,passwordMinLength\nu1,true,,false,14\n";
        TokenMatrix.assertRefusals(
                token -> TokenMatrix.bearer(token)
                        .contentType(ContentType.JSON)
                        .body(Map.of(
                                "accounts",
                                List.of(Map.of(
                                        "id",
                                        "u1",
                                        "mfaEnabled",
                                        true,
                                        "privileged",
                                        false,
                                        "passwordMinLength",
                                        14)))),
                "POST",
                "/api/v1/monitors/identity/snapshots",
                TENANT,
                "security-officer",
                "auditor");
        TokenMatrix.assertRefusals(
                token -> TokenMatrix.bearer(token).contentType("text/csv").body(csv),
                "POST",
                "/api/v1/monitors/identity/snapshots",
                TENANT,
                "evidence-collector",
                "auditor");
        TokenMatrix.assertRefusals(
                token -> TokenMatrix.bearer(token).contentType(ContentType.JSON).body(Map.of("assignments", List.of())),
                "POST",
                "/api/v1/monitors/training/rosters",
                TENANT,
                "evidence-collector",
                "security-officer");
        TokenMatrix.assertRefusals(
                TokenMatrix::bearer,
                "POST",
                "/api/v1/monitors/key-rotation/runs",
                TENANT,
                "security-officer",
                "auditor");
    }

    @Test
    void samples() {
        TokenMatrix.assertRefusals(
                TokenMatrix::bearer,
                "GET",
                "/api/v1/samples/" + MISSING,
                TENANT,
                "security-officer",
                "evidence-collector");
        TokenMatrix.assertRefusals(
                token -> TokenMatrix.bearer(token).contentType(ContentType.JSON).body(Map.of("result", "pass")),
                "PUT",
                "/api/v1/samples/" + MISSING + "/items/" + MISSING,
                TENANT,
                "auditor",
                "compliance-manager");
    }

    /** The refusals above would pass for an endpoint nobody may call: security-officer's reads answer. */
    @Test
    void securityOfficerReadsAnswer() {
        String tenant = TENANT + "-officer";
        String officer = TestTokens.token(tenant, "security-officer");
        String id = TestData.record(tenant, "officer", List.of("mfa"), null);
        JsonPath sample = given().auth()
                .oauth2(TestData.auditor(tenant))
                .contentType(ContentType.JSON)
                .body(Map.of("controlId", "mfa", "periodStart", "2020-01-01", "periodEnd", "2099-12-31"))
                .when()
                .post("/api/v1/samples")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        for (String path : List.of(
                "/api/v1/evidence",
                "/api/v1/evidence/" + id,
                "/api/v1/freshness/controls",
                "/api/v1/freshness/stale",
                "/api/v1/freshness/expiring",
                "/api/v1/monitors/latest",
                "/api/v1/monitors/runs",
                "/api/v1/samples",
                "/api/v1/samples/" + sample.getString("sample.id"))) {
            given().auth().oauth2(officer).when().get(path).then().statusCode(200);
        }
        given().auth()
                .oauth2(officer)
                .when()
                .post("/api/v1/monitors/key-rotation/runs")
                .then()
                .statusCode(201);
    }
}
