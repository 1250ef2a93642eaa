package org.compliancesuite.vault.keys;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.Base64;
import java.util.Map;
import org.compliancesuite.common.security.Roles;
import org.compliancesuite.common.testing.TestTokens;
import org.compliancesuite.vault.testing.CheckpointStatements;
import org.compliancesuite.vault.testing.TransitTestResource;
import org.junit.jupiter.api.Test;

/** The local provider as `./suite up` runs it: no Vault is contacted, the API behaves the same. */
@QuarkusTest
@TestProfile(LocalProviderTest.Local.class)
class LocalProviderTest {

    public static class Local implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "vault.key-provider", "local",
                    "vault.key-mode", "direct",
                    "vault.local.master-key", Base64.getEncoder().encodeToString(new byte[32]));
        }
    }

    @Inject
    KeyProvider provider;

    private static String encrypt(String record) {
        return given().auth()
                .oauth2(TestTokens.token("local", Roles.PHI_ENCRYPTOR))
                .contentType(ContentType.JSON)
                .body(Map.of("plaintext", Base64.getEncoder().encodeToString("Dana".getBytes()), "record", record))
                .when()
                .post("/api/v1/phi/encrypt")
                .then()
                .statusCode(200)
                .body("mode", equalTo("direct"))
                .body("ciphertext", startsWith("cs1:d:phi:"))
                .extract()
                .path("ciphertext");
    }

    private static io.restassured.response.ValidatableResponse decrypt(String ciphertext, String record) {
        return given().auth()
                .oauth2(TestTokens.token("local", Roles.PHI_READER))
                .header("X-Purpose-Of-Use", "operations")
                .contentType(ContentType.JSON)
                .body(Map.of("ciphertext", ciphertext, "record", record))
                .when()
                .post("/api/v1/phi/decrypt")
                .then();
    }

    @Test
    void localProviderEncryptsRotatesRetiresAndSignsWithoutVault() {
        assertInstanceOf(LocalKeyProvider.class, provider);
        long vaultCalls = TransitTestResource.server().calls("encrypt")
                + TransitTestResource.server().calls("keys");

        String v1 = encrypt("patient/40");
        decrypt(v1, "patient/40")
                .statusCode(200)
                .body("plaintext", equalTo(Base64.getEncoder().encodeToString("Dana".getBytes())));
        decrypt(v1, "patient/41").statusCode(422);

        String officer = TestTokens.token("local", Roles.SECURITY_OFFICER);
        given().auth()
                .oauth2(officer)
                .when()
                .post("/api/v1/keys/phi/rotate")
                .then()
                .statusCode(200)
                .body("latestVersion", equalTo(2));
        String v2 = encrypt("patient/40");
        given().auth()
                .oauth2(officer)
                .contentType(ContentType.JSON)
                .body(Map.of("minDecryptionVersion", 2))
                .when()
                .put("/api/v1/keys/phi/config")
                .then()
                .statusCode(200);
        decrypt(v1, "patient/40").statusCode(422).body("detail", containsString("minimum decryption version"));
        decrypt(v2, "patient/40").statusCode(200);

        given().auth()
                .oauth2(TestTokens.token("local", Roles.GRC_ADMIN))
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "input",
                        Base64.getEncoder()
                                .encodeToString(CheckpointStatements.statement("local", 1)
                                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                .when()
                .post("/api/v1/signatures")
                .then()
                .statusCode(200)
                .body("algorithm", equalTo("ed25519"));
        given().when().get("/q/health/ready").then().statusCode(200);
        assertEquals(
                vaultCalls,
                TransitTestResource.server().calls("encrypt")
                        + TransitTestResource.server().calls("keys"));
    }
}
