package org.compliancesuite.vault.keys;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.compliancesuite.common.security.Roles;
import org.compliancesuite.common.testing.TestTokens;
import org.compliancesuite.common.testing.TokenMatrix;
import org.compliancesuite.vault.audit.PhiAccessRecord;
import org.compliancesuite.vault.testing.TransitTestResource;
import org.junit.jupiter.api.Test;

@QuarkusTest
class KeyResourceTest {

    @Test
    void listFollowsTheContractForEveryReadingRole() {
        for (String role :
                new String[] {Roles.SECURITY_OFFICER, Roles.AUDITOR, Roles.GRC_ADMIN, Roles.COMPLIANCE_MANAGER}) {
            given().auth()
                    .oauth2(TestTokens.token("keys", role))
                    .when()
                    .get("/api/v1/keys")
                    .then()
                    .statusCode(200)
                    .body("name", containsInAnyOrder("phi", "phi-blind-index", "phi-audit-hmac", "evidence-checkpoint"))
                    .body("purpose", containsInAnyOrder("encryption", "blind-index", "audit-hmac", "signing"))
                    .body("latestVersion", everyItem(equalTo(1)))
                    .body("minDecryptionVersion", everyItem(equalTo(1)))
                    .body("autoRotate", everyItem(equalTo(false)))
                    .body("versions[0]", hasSize(1))
                    .body("versions[0][0].version", equalTo(1))
                    .body("versions[0][0].createdAt", notNullValue())
                    .body("rotationPeriodDays", everyItem(nullValue()));
        }
        // Tenant-scoped: the provider holds one key per tenant and purpose.
        assertTrue(TransitTestResource.server().calls("keys") > 0);
        assertTrue(PhiAccessRecord.count("tenant = 'keys' and action = 'key-read'") >= 4);
    }

    @Test
    void rotateAndConfigureAreAuditedAndRefusedForTheBlindIndexKey() {
        String officer = TestTokens.builder("keycfg", Roles.SECURITY_OFFICER)
                .subject("officer")
                .sign();
        given().auth()
                .oauth2(officer)
                .contentType(ContentType.JSON)
                .body(Map.of("rotationPeriodDays", 90))
                .when()
                .put("/api/v1/keys/phi/config")
                .then()
                .statusCode(200)
                .body("rotationPeriodDays", equalTo(90))
                .body("autoRotate", equalTo(true));
        given().auth()
                .oauth2(officer)
                .when()
                .post("/api/v1/keys/phi/rotate")
                .then()
                .statusCode(200)
                .body("latestVersion", equalTo(2))
                .body("versions", hasSize(2));
        given().auth()
                .oauth2(officer)
                .contentType(ContentType.JSON)
                .body(Map.of("minDecryptionVersion", 3))
                .when()
                .put("/api/v1/keys/phi/config")
                .then()
                .statusCode(422);
        given().auth()
                .oauth2(officer)
                .when()
                .post("/api/v1/keys/phi-blind-index/rotate")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(officer)
                .when()
                .post("/api/v1/keys/unknown/rotate")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(officer)
                .contentType(ContentType.JSON)
                .body(Map.of("minDecryptionVersion", 1, "extra", true))
                .when()
                .put("/api/v1/keys/phi/config")
                .then()
                .statusCode(400);
        given().auth()
                .oauth2(TestTokens.token("keycfg", Roles.AUDITOR))
                .when()
                .get("/api/v1/keys/phi")
                .then()
                .statusCode(200)
                .body("latestVersion", equalTo(2))
                .body("rotationPeriodDays", equalTo(90));
        assertEquals(1, PhiAccessRecord.count("tenant = 'keycfg' and action = 'key-rotate' and result = 'allowed'"));
        assertEquals(1, PhiAccessRecord.count("tenant = 'keycfg' and action = 'key-rotate' and result = 'denied'"));
        assertTrue(
                PhiAccessRecord.count("tenant = 'keycfg' and action = 'key-configure' and subject = 'officer'") >= 2);
    }

    @Test
    void tokenMatrix() {
        TokenMatrix.assertRefusals(TokenMatrix::bearer, "GET", "/api/v1/keys", "keys", Roles.AUDITOR, Roles.PHI_READER);
        TokenMatrix.assertRefusals(
                TokenMatrix::bearer, "POST", "/api/v1/keys/phi/rotate", "keys", Roles.SECURITY_OFFICER, Roles.AUDITOR);
    }
}
