package org.compliancesuite.vault.keys;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.compliancesuite.common.security.Roles;
import org.compliancesuite.common.testing.TestTokens;
import org.compliancesuite.common.testing.TokenMatrix;
import org.compliancesuite.vault.audit.PhiAccessRecord;
import org.compliancesuite.vault.testing.CheckpointStatements;
import org.compliancesuite.vault.testing.TransitTestResource;
import org.junit.jupiter.api.Test;

@QuarkusTest
class KeyResourceTest {

    private static final String[] READING_ROLES = {
        Roles.SECURITY_OFFICER, Roles.AUDITOR, Roles.GRC_ADMIN, Roles.COMPLIANCE_MANAGER
    };

    private static Set<String> providerKeysOf(String tenant) {
        return TransitTestResource.server().keyNames("transit").stream()
                .filter(name -> name.endsWith("." + tenant))
                .collect(Collectors.toSet());
    }

    @Test
    void listingCreatesNoKeyAndListsEveryKeyOnceUsed() {
        given().auth()
                .oauth2(TestTokens.token("keys", Roles.AUDITOR))
                .when()
                .get("/api/v1/keys")
                .then()
                .statusCode(200)
                .body("$", hasSize(0));
        given().auth()
                .oauth2(TestTokens.token("keys", Roles.AUDITOR))
                .when()
                .get("/api/v1/keys/phi")
                .then()
                .statusCode(404)
                .body("detail", containsString("does not exist yet"));
        assertEquals(Set.of(), providerKeysOf("keys"), "reading created keys in Vault");

        // first use creates each key: encryption and audit references, blind index, checkpoint signing
        given().auth()
                .oauth2(TestTokens.token("keys", Roles.PHI_ENCRYPTOR))
                .contentType(ContentType.JSON)
                .body(Map.of("plaintext", "eA==", "record", "r"))
                .when()
                .post("/api/v1/phi/encrypt")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(TestTokens.token("keys", Roles.PHI_READER))
                .contentType(ContentType.JSON)
                .body(Map.of("value", "123", "field", "ssn"))
                .when()
                .post("/api/v1/phi/blind-index")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(TestTokens.token("keys", Roles.GRC_ADMIN))
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "input",
                        Base64.getEncoder()
                                .encodeToString(CheckpointStatements.statement("keys", 1)
                                        .getBytes(StandardCharsets.UTF_8))))
                .when()
                .post("/api/v1/signatures")
                .then()
                .statusCode(200);
        assertEquals(
                Set.of("phi.keys", "phi-blind-index.keys", "phi-audit-hmac.keys", "evidence-checkpoint.keys"),
                providerKeysOf("keys"));

        long readsBefore = PhiAccessRecord.count("tenant = 'keys' and action = 'key-read' and result = 'allowed'");
        for (String role : READING_ROLES) {
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
        // one record per listing, and the listings changed nothing in Vault
        assertEquals(
                readsBefore + READING_ROLES.length,
                PhiAccessRecord.count("tenant = 'keys' and action = 'key-read' and result = 'allowed'"));
        assertEquals(4, providerKeysOf("keys").size());
        assertEquals(1, TransitTestResource.server().latestVersion("transit", "phi.keys"));
    }

    @Test
    void keyOperationsAreRateLimitedPerClient() {
        String token = TestTokens.builder("keys-limited", Roles.SECURITY_OFFICER)
                .claim("azp", "rate-limited-client")
                .subject("hasty-officer")
                .sign();
        int refused = 0;
        for (int i = 0; i < 5; i++) {
            var response = given().auth().oauth2(token).when().get("/api/v1/keys");
            if (response.statusCode() == 429) {
                refused++;
                response.then().header("Retry-After", notNullValue());
            } else {
                response.then().statusCode(200);
            }
        }
        assertTrue(refused >= 2, "refused " + refused);
        assertEquals(refused, PhiAccessRecord.count("subject = 'hasty-officer' and reason = 'rate-limited'"));
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
        // a minimum decryption version of 1 would change nothing, yet the Vault policy grants no config on this key:
        // refused here, before Transit is asked, instead of answering 503 from Vault's 403
        for (Map<String, Object> body : List.<Map<String, Object>>of(
                Map.of("minDecryptionVersion", 1), Map.of("rotationPeriodDays", 0), Map.of("rotationPeriodDays", 30))) {
            given().auth()
                    .oauth2(officer)
                    .contentType(ContentType.JSON)
                    .body(body)
                    .when()
                    .put("/api/v1/keys/phi-blind-index/config")
                    .then()
                    .statusCode(409)
                    .contentType("application/problem+json");
        }
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
        assertEquals(
                3,
                PhiAccessRecord.count("tenant = 'keycfg' and action = 'key-configure' and result = 'denied'"
                        + " and reason = 'blind index key is never rotated'"));
    }

    @Test
    void tokenMatrix() {
        TokenMatrix.assertRefusals(TokenMatrix::bearer, "GET", "/api/v1/keys", "keys", Roles.AUDITOR, Roles.PHI_READER);
        TokenMatrix.assertRefusals(
                TokenMatrix::bearer, "GET", "/api/v1/keys/phi", "keys", Roles.AUDITOR, Roles.PHI_ENCRYPTOR);
        TokenMatrix.assertRefusals(
                TokenMatrix::bearer, "POST", "/api/v1/keys/phi/rotate", "keys", Roles.SECURITY_OFFICER, Roles.AUDITOR);
        TokenMatrix.assertRefusals(
                token -> TokenMatrix.bearer(token).contentType(ContentType.JSON).body(Map.of("rotationPeriodDays", 30)),
                "PUT",
                "/api/v1/keys/phi/config",
                "keys",
                Roles.SECURITY_OFFICER,
                Roles.GRC_ADMIN);
    }
}
