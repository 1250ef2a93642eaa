package org.compliancesuite.vault.signature;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import org.compliancesuite.common.security.Roles;
import org.compliancesuite.common.testing.TestTokens;
import org.compliancesuite.common.testing.TokenMatrix;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SignatureResourceTest {

    @Test
    void checkpointSignatureVerifiesOfflineWithThePublishedKey() throws Exception {
        byte[] checkpoint = "ledger acme seq 42 head 9f2c".getBytes(StandardCharsets.UTF_8);
        var signed = given().auth()
                .oauth2(TestTokens.token("sig", Roles.EVIDENCE_COLLECTOR))
                .contentType(ContentType.JSON)
                .body(Map.of("input", Base64.getEncoder().encodeToString(checkpoint)))
                .when()
                .post("/api/v1/signatures")
                .then()
                .statusCode(200)
                .body("keyName", equalTo("evidence-checkpoint"))
                .body("keyVersion", equalTo(1))
                .body("algorithm", equalTo("ed25519"))
                .extract();
        String pem = given().auth()
                .oauth2(TestTokens.token("sig", Roles.AUDITOR))
                .when()
                .get("/api/v1/signatures/public-key")
                .then()
                .statusCode(200)
                .body("keyName", equalTo("evidence-checkpoint"))
                .body("keyVersion", equalTo(1))
                .body("algorithm", equalTo("ed25519"))
                .body("publicKeyPem", startsWith("-----BEGIN PUBLIC KEY-----"))
                .extract()
                .path("publicKeyPem");
        PublicKey key = KeyFactory.getInstance("Ed25519")
                .generatePublic(new X509EncodedKeySpec(
                        Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""))));
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(key);
        verifier.update(checkpoint);
        assertTrue(verifier.verify(Base64.getDecoder().decode(signed.<String>path("signature"))));
        verifier.initVerify(key);
        verifier.update("ledger acme seq 43 head 9f2c".getBytes(StandardCharsets.UTF_8));
        assertFalse(verifier.verify(Base64.getDecoder().decode(signed.<String>path("signature"))));
    }

    @Test
    void badInputAndTokenMatrix() {
        given().auth()
                .oauth2(TestTokens.token("sig", Roles.GRC_ADMIN))
                .contentType(ContentType.JSON)
                .body(Map.of("input", "***"))
                .when()
                .post("/api/v1/signatures")
                .then()
                .statusCode(400);
        TokenMatrix.assertRefusals(
                token -> TokenMatrix.bearer(token).contentType(ContentType.JSON).body(Map.of("input", "AA==")),
                "POST",
                "/api/v1/signatures",
                "sig",
                Roles.GRC_ADMIN,
                Roles.PHI_READER);
        TokenMatrix.assertRefusals(
                TokenMatrix::bearer, "GET", "/api/v1/signatures/public-key", "sig", Roles.AUDITOR, Roles.PHI_READER);
    }
}
