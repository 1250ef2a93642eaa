package org.compliancesuite.vault.keys;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.compliancesuite.common.security.Roles;
import org.compliancesuite.common.testing.TestTokens;
import org.compliancesuite.vault.testing.TlsTransitTestResource;
import org.junit.jupiter.api.Test;

/** Vault over HTTPS, its certificate issued by the CA in VAULT_TLS_CA_PATH: the service encrypts and decrypts. */
@QuarkusTest
@TestProfile(VaultTlsTest.TrustedCa.class)
class VaultTlsTest {

    public static class TrustedCa implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(TlsTransitTestResource.class, Map.of("trust", "issuer")));
        }
    }

    @Test
    void encryptsAndDecryptsOverTlsWithTheConfiguredCa() {
        assertTrue(TlsTransitTestResource.server().url().startsWith("https://"));
        String plaintext = "VExTIFBISQ==";
        String ciphertext = given().auth()
                .oauth2(TestTokens.token("tls", Roles.PHI_ENCRYPTOR))
                .contentType(ContentType.JSON)
                .body(Map.of("plaintext", plaintext, "record", "patient/tls"))
                .when()
                .post("/api/v1/phi/encrypt")
                .then()
                .statusCode(200)
                .body("ciphertext", startsWith("cs1:"))
                .extract()
                .path("ciphertext");
        given().auth()
                .oauth2(TestTokens.token("tls", Roles.PHI_READER))
                .header("X-Purpose-Of-Use", "treatment")
                .contentType(ContentType.JSON)
                .body(Map.of("ciphertext", ciphertext, "record", "patient/tls"))
                .when()
                .post("/api/v1/phi/decrypt")
                .then()
                .statusCode(200)
                .body("plaintext", equalTo(plaintext));
        assertTrue(TlsTransitTestResource.server().calls("datakey") > 0, "the calls went to the HTTPS server");
        given().when().get("/q/health/ready").then().statusCode(200);
    }
}
