package org.compliancesuite.vault.packaged;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.compliancesuite.common.security.Roles;
import org.compliancesuite.common.testing.PackagedServiceResource;
import org.compliancesuite.common.testing.TestTokens;
import org.compliancesuite.vault.testing.TransitTestResource;
import org.junit.jupiter.api.Test;

/**
 * The packaged vault-service in the prod profile on the Vault-compatible Transit test server, as production runs on
 * Vault: ready, encrypts and decrypts a field with its audit record, and verifies the audit chain.
 */
@QuarkusIntegrationTest
@WithTestResource(TransitTestResource.class)
@WithTestResource(
        value = PackagedServiceResource.class,
        initArgs = {
            @ResourceArg(
                    name = "quarkus.datasource.jdbc.url",
                    value = "jdbc:postgresql://localhost:5432/cs_vault_test"),
            @ResourceArg(name = "quarkus.vault.url", value = "${transit-test.url}"),
            @ResourceArg(name = "quarkus.vault.authentication.client-token", value = "test-root-token")
        })
class PackagedVaultIT {

    @Test
    void readyEncryptsDecryptsAndAuditsThroughTransit() {
        String tenant = "packaged-" + System.nanoTime();
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        String ciphertext = given().auth()
                .oauth2(TestTokens.token(tenant, Roles.PHI_ENCRYPTOR))
                .contentType(ContentType.JSON)
                .body(Map.of("plaintext", "MTIzLTQ1LTY3ODk=", "record", "patient/1", "field", "ssn"))
                .post("/api/v1/phi/encrypt")
                .then()
                .statusCode(200)
                .body("ciphertext", startsWith("cs1:e:phi:1:"))
                .extract()
                .path("ciphertext");
        given().auth()
                .oauth2(TestTokens.token(tenant, Roles.PHI_READER))
                .header("X-Purpose-Of-Use", "treatment")
                .contentType(ContentType.JSON)
                .body(Map.of("ciphertext", ciphertext, "record", "patient/1", "field", "ssn"))
                .post("/api/v1/phi/decrypt")
                .then()
                .statusCode(200)
                .body("plaintext", equalTo("MTIzLTQ1LTY3ODk="));
        given().auth()
                .oauth2(TestTokens.token(tenant, Roles.SECURITY_OFFICER))
                .get("/api/v1/audit/verify")
                .then()
                .statusCode(200)
                .body("valid", equalTo(true))
                .body("entriesChecked", not(equalTo(0)));
        given().get("/api/v1/keys").then().statusCode(401);
    }
}
