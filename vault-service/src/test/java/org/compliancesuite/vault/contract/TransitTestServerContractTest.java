package org.compliancesuite.vault.contract;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.Map;
import org.compliancesuite.common.security.Roles;
import org.compliancesuite.common.testing.TestTokens;
import org.compliancesuite.vault.phi.FieldCiphertext;
import org.compliancesuite.vault.phi.FieldCiphertext.Mode;
import org.compliancesuite.vault.phi.FieldContext;
import org.compliancesuite.vault.testing.TransitTestResource;
import org.compliancesuite.vault.testing.TransitTestServer;
import org.junit.jupiter.api.Test;

/** The Transit contract against the test server that every other test uses. */
@QuarkusTest
class TransitTestServerContractTest extends TransitContractCases {

    @Override
    protected String vaultAddress() {
        return TransitTestResource.server().url();
    }

    @Override
    protected String vaultToken() {
        return TransitTestServer.ROOT_TOKEN;
    }

    /**
     * Vault rotates a key once its auto-rotation period has passed, behind the service's back; the service must then
     * encrypt with and decrypt the new version although its cached metadata still says the old one is the latest.
     * Needs time to pass in Vault, so it runs against the test server only.
     */
    @Test
    void aKeyAutoRotatedInVaultIsUsedAndDecryptedWithoutRestart() {
        String tenant = "autorotate";
        String officer = TestTokens.token(tenant, Roles.SECURITY_OFFICER);
        given().auth()
                .oauth2(officer)
                .contentType(ContentType.JSON)
                .body(Map.of("rotationPeriodDays", 1))
                .when()
                .put("/api/v1/keys/phi/config")
                .then()
                .statusCode(200)
                .body("autoRotate", equalTo(true))
                .body("latestVersion", equalTo(1));
        String v1 = given().auth()
                .oauth2(TestTokens.token(tenant, Roles.PHI_ENCRYPTOR))
                .contentType(ContentType.JSON)
                .body(Map.of("plaintext", "QQ==", "record", "r"))
                .when()
                .post("/api/v1/phi/encrypt")
                .then()
                .statusCode(200)
                .body("keyVersion", equalTo(1))
                .extract()
                .path("ciphertext");
        decrypt(tenant, v1).body("keyVersion", equalTo(1));

        TransitTestServer server = TransitTestResource.server();
        server.backdate("transit", "phi." + tenant, Duration.ofDays(2));
        String v2 = QuarkusTransaction.requiringNew()
                .call(() -> cipher.encrypt(Mode.DIRECT, new FieldContext(tenant, "r", null), new byte[] {65}, null)
                        .format());
        assertEquals(2, FieldCiphertext.parse(v2).keyVersion(), "Vault rotated the key when its period passed");
        decrypt(tenant, v2).body("keyVersion", equalTo(2)).body("plaintext", equalTo("QQ=="));
        decrypt(tenant, v1).body("keyVersion", equalTo(1));
        given().auth()
                .oauth2(officer)
                .when()
                .get("/api/v1/keys/phi")
                .then()
                .statusCode(200)
                .body("latestVersion", equalTo(2))
                .body("versions.size()", equalTo(2));
    }

    private static ValidatableResponse decrypt(String tenant, String ciphertext) {
        return given().auth()
                .oauth2(TestTokens.token(tenant, Roles.PHI_READER))
                .header("X-Purpose-Of-Use", "treatment")
                .contentType(ContentType.JSON)
                .body(Map.of("ciphertext", ciphertext, "record", "r"))
                .when()
                .post("/api/v1/phi/decrypt")
                .then()
                .statusCode(200);
    }
}
