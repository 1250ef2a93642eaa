package org.compliancesuite.vault.keys;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

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

/** Vault's certificate is not issued by the CA in VAULT_TLS_CA_PATH: nothing is sent, readiness is DOWN. */
@QuarkusTest
@TestProfile(VaultTlsWrongCaTest.OtherCa.class)
class VaultTlsWrongCaTest {

    public static class OtherCa implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(TlsTransitTestResource.class, Map.of("trust", "other")));
        }
    }

    @Test
    void anUntrustedCertificateMeansNotReadyAnd503() {
        given().when()
                .get("/q/health/ready")
                .then()
                .statusCode(503)
                .body("checks.find { it.name == 'key-provider' }.status", equalTo("DOWN"));
        given().auth()
                .oauth2(TestTokens.token("tls-wrong", Roles.PHI_ENCRYPTOR))
                .contentType(ContentType.JSON)
                .body(Map.of("plaintext", "eA=="))
                .when()
                .post("/api/v1/phi/encrypt")
                .then()
                .statusCode(503)
                .header("Retry-After", notNullValue());
        // the handshake failed before any request: the server never saw one
        assertEquals(0, TlsTransitTestResource.server().calls("encrypt"));
        assertEquals(0, TlsTransitTestResource.server().calls("datakey"));
    }
}
