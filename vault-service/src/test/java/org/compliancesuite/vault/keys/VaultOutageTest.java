package org.compliancesuite.vault.keys;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.compliancesuite.common.security.Roles;
import org.compliancesuite.common.testing.TestTokens;
import org.compliancesuite.vault.phi.FieldCipher;
import org.compliancesuite.vault.phi.FieldContext;
import org.compliancesuite.vault.testing.TransitTestResource;
import org.compliancesuite.vault.testing.TransitTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class VaultOutageTest {

    @Inject
    FieldCipher cipher;

    @AfterEach
    void restore() throws Exception {
        TransitTestServer server = TransitTestResource.server();
        server.unseal();
        server.healthStatus(200);
        server.start();
    }

    private static io.restassured.response.ValidatableResponse encrypt(String tenant) {
        return given().auth()
                .oauth2(TestTokens.token(tenant, Roles.PHI_ENCRYPTOR))
                .contentType(ContentType.JSON)
                .body(Map.of("plaintext", Base64.getEncoder().encodeToString("PHI".getBytes(StandardCharsets.UTF_8))))
                .when()
                .post("/api/v1/phi/encrypt")
                .then();
    }

    @Test
    void unreachableVaultAnswers503AndRecoversWithoutRestart() throws Exception {
        TransitTestResource.server().stop();
        encrypt("outage")
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("detail", containsString("unreachable or sealed"));
        given().when()
                .get("/q/health/ready")
                .then()
                .statusCode(503)
                .body("checks.name", hasItem("key-provider"))
                .body("checks.find { it.name == 'key-provider' }.status", equalTo("DOWN"));
        given().auth()
                .oauth2(TestTokens.builder("outage", Roles.SECURITY_OFFICER)
                        .subject("officer-outage")
                        .sign())
                .when()
                .get("/api/v1/keys")
                .then()
                .statusCode(503)
                .header("Retry-After", notNullValue());
        org.junit.jupiter.api.Assertions.assertEquals(
                1,
                org.compliancesuite.vault.audit.PhiAccessRecord.count(
                        "subject = 'officer-outage' and action = 'key-read' and result = 'failed'"));

        TransitTestResource.server().start();
        encrypt("outage").statusCode(200);
        given().when().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void sealedVaultAnswers503ForDecryptAndReadinessIsDown() {
        String ciphertext = QuarkusTransaction.requiringNew()
                .call(() -> cipher.encrypt(new FieldContext("sealed", "r/1", "f"), "PHI".getBytes(), null)
                        .format());
        TransitTestResource.server().seal();
        given().auth()
                .oauth2(TestTokens.token("sealed", Roles.PHI_READER))
                .header("X-Purpose-Of-Use", "treatment")
                .contentType(ContentType.JSON)
                .body(Map.of("ciphertext", ciphertext, "record", "r/1", "field", "f"))
                .when()
                .post("/api/v1/phi/decrypt")
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .body("detail", containsString("sealed"));
        encrypt("sealed-fresh").statusCode(503).header("Retry-After", notNullValue());
        given().when()
                .get("/q/health/ready")
                .then()
                .statusCode(503)
                .body("checks.find { it.name == 'key-provider' }.data.reason", containsString("sealed"));

        TransitTestResource.server().unseal();
        encrypt("sealed-fresh").statusCode(200);
        given().when().get("/q/health/ready").then().statusCode(200);
    }

    /**
     * sys/health: a standby (429) forwards to the active node and a performance standby (473) serves Transit itself;
     * a disaster recovery secondary (472) and a standby cut off from its active node (474) serve nothing.
     */
    @Test
    void readinessFollowsWhetherTheVaultNodeCanServeTransit() {
        TransitTestServer server = TransitTestResource.server();
        for (int status : new int[] {429, 473}) {
            server.healthStatus(status);
            given().when().get("/q/health/ready").then().statusCode(200);
        }
        for (int status : new int[] {472, 474}) {
            server.healthStatus(status);
            given().when()
                    .get("/q/health/ready")
                    .then()
                    .statusCode(503)
                    .body("checks.find { it.name == 'key-provider' }.status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'key-provider' }.data.reason", containsString("" + status));
        }
        server.healthStatus(200);
        given().when().get("/q/health/ready").then().statusCode(200);
    }
}
