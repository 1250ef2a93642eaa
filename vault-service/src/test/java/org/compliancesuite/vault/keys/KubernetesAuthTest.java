package org.compliancesuite.vault.keys;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.compliancesuite.common.security.Roles;
import org.compliancesuite.common.testing.TestTokens;
import org.compliancesuite.vault.testing.TransitTestResource;
import org.compliancesuite.vault.testing.TransitTestServer;
import org.junit.jupiter.api.Test;

/** VAULT_AUTH=kubernetes: the extension logs in with the service account token and uses the token it gets. */
@QuarkusTest
@TestProfile(KubernetesAuthTest.Kubernetes.class)
class KubernetesAuthTest {

    public static class Kubernetes implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path jwt = Files.createTempFile("service-account", ".jwt");
                Files.writeString(jwt, TransitTestServer.KUBERNETES_JWT);
                return Map.of(
                        "vault.auth",
                        "kubernetes",
                        "quarkus.vault.authentication.client-token",
                        "",
                        "quarkus.vault.authentication.kubernetes.role",
                        TransitTestServer.KUBERNETES_ROLE,
                        "quarkus.vault.authentication.kubernetes.jwt-token-path",
                        jwt.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void encryptsWithATokenFromKubernetesLogin() {
        long logins = TransitTestResource.server().calls("login");
        given().auth()
                .oauth2(TestTokens.token("k8s", Roles.PHI_ENCRYPTOR))
                .contentType(ContentType.JSON)
                .body(Map.of("plaintext", "SGk="))
                .when()
                .post("/api/v1/phi/encrypt")
                .then()
                .statusCode(200);
        assertTrue(TransitTestResource.server().calls("login") > logins);
    }
}
