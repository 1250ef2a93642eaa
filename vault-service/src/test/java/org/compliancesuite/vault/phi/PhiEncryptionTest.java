package org.compliancesuite.vault.phi;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.compliancesuite.common.security.Roles;
import org.compliancesuite.common.testing.TestTokens;
import org.compliancesuite.common.testing.TokenMatrix;
import org.compliancesuite.vault.audit.PhiAccessRecord;
import org.compliancesuite.vault.testing.TransitTestResource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(TransitTestResource.class)
class PhiEncryptionTest {

    static final String TENANT = "acme";

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    static String encryptor(String tenant) {
        return TestTokens.builder(tenant, Roles.PHI_ENCRYPTOR)
                .subject("app-" + tenant)
                .sign();
    }

    static String reader(String tenant) {
        return TestTokens.builder(tenant, Roles.PHI_READER)
                .subject("clinician-" + tenant)
                .sign();
    }

    static String encrypt(String token, String plaintext, String record, String field) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("plaintext", b64(plaintext), "record", record, "field", field))
                .when()
                .post("/api/v1/phi/encrypt")
                .then()
                .statusCode(200)
                .body("ciphertext", startsWith("cs1:e:phi:"))
                .body("keyName", equalTo("phi"))
                .extract()
                .path("ciphertext");
    }

    @Test
    void encryptThenDecryptWithPurposeIsAudited() {
        String ciphertext = encrypt(encryptor(TENANT), "123-45-6789", "patient/1", "ssn");

        String plaintext = given().auth()
                .oauth2(reader(TENANT))
                .header("X-Purpose-Of-Use", "treatment")
                .contentType(ContentType.JSON)
                .body(Map.of("ciphertext", ciphertext, "record", "patient/1", "field", "ssn"))
                .when()
                .post("/api/v1/phi/decrypt")
                .then()
                .statusCode(200)
                .body("keyName", equalTo("phi"))
                .extract()
                .path("plaintext");
        assertEquals("123-45-6789", new String(Base64.getDecoder().decode(plaintext), StandardCharsets.UTF_8));

        List<PhiAccessRecord> reads = PhiAccessRecord.list(
                "tenant = ?1 and action = 'decrypt' and subject = ?2", TENANT, "clinician-" + TENANT);
        assertFalse(reads.isEmpty());
        PhiAccessRecord read = reads.getLast();
        assertEquals("treatment", read.purpose);
        assertEquals("allowed", read.result);
        assertEquals("test-client", read.client);
        assertEquals("phi", read.keyName);
        assertNotNull(read.recordRef);
        assertFalse(read.recordRef.contains("patient"));
        assertEquals(64, read.hash.length());
    }

    @Test
    void tokenMatrix() {
        TokenMatrix.assertRefusals(
                token -> TokenMatrix.bearer(token).contentType(ContentType.JSON).body(Map.of("plaintext", b64("x"))),
                "POST",
                "/api/v1/phi/encrypt",
                TENANT,
                Roles.PHI_ENCRYPTOR,
                Roles.PHI_READER);
        // Refusals are queued without waiting for the commit: give the writer a moment.
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (PhiAccessRecord.count("action = 'encrypt' and result = 'denied' and reason = 'role not allowed'") == 0
                && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertTrue(
                PhiAccessRecord.count("action = 'encrypt' and result = 'denied' and reason = 'role not allowed'") > 0);
        assertTrue(PhiAccessRecord.count("tenant = 'unauthenticated' and action = 'encrypt'") > 0);
    }
}
