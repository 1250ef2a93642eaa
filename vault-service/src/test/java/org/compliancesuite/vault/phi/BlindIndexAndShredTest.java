package org.compliancesuite.vault.phi;

import static io.restassured.RestAssured.given;
import static org.compliancesuite.vault.phi.PhiEncryptionTest.b64;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.compliancesuite.common.security.Roles;
import org.compliancesuite.common.testing.TestTokens;
import org.compliancesuite.common.testing.TokenMatrix;
import org.compliancesuite.vault.audit.PhiAccessRecord;
import org.compliancesuite.vault.testing.TransitTestResource;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BlindIndexAndShredTest {

    private static String index(String tenant, String value, String field) {
        return given().auth()
                .oauth2(TestTokens.token(tenant, Roles.PHI_READER))
                .contentType(ContentType.JSON)
                .body(Map.of("value", value, "field", field))
                .when()
                .post("/api/v1/phi/blind-index")
                .then()
                .statusCode(200)
                .body("keyName", equalTo("phi-blind-index"))
                .extract()
                .path("index");
    }

    @Test
    void blindIndexIsKeyedNormalisedAndScopedByFieldAndTenant() {
        String a = index("idx", "123-45-6789", "ssn");
        assertEquals(a, index("idx", " 123 45 6789 ", "ssn"));
        assertNotEquals(a, index("idx", "123-45-6780", "ssn"));
        assertNotEquals(a, index("idx", "123-45-6789", "mrn"));
        assertNotEquals(a, index("other-idx", "123-45-6789", "ssn"));
        assertFalse(a.contains("6789"));
        assertEquals(
                5,
                PhiAccessRecord.count(
                        "action = 'blind-index' and result = 'allowed' and tenant in ('idx', 'other-idx')"));
    }

    @Test
    void aValueThatNormalisesToNothingIsRefusedAndAudited() {
        given().auth()
                .oauth2(TestTokens.builder("idx-empty", Roles.PHI_READER)
                        .subject("empty-indexer")
                        .sign())
                .contentType(ContentType.JSON)
                .body(Map.of("value", " - ./() \u2013 ", "field", "ssn"))
                .when()
                .post("/api/v1/phi/blind-index")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("detail", containsString("nothing left to index"));
        PhiAccessRecord refused = PhiAccessRecord.<PhiAccessRecord>find("subject = 'empty-indexer'")
                .firstResult();
        assertEquals("rejected", refused.result);
        assertEquals("empty-after-normalisation", refused.reason);
    }

    @Test
    void indexesStayTheSameWhenTheKeyIsRotatedInVaultBehindTheService() {
        String before = index("idx-pin", "123-45-6789", "ssn");
        var server = TransitTestResource.server();
        server.rotateOutOfBand("transit", "phi-blind-index.idx-pin");
        assertEquals(2, server.latestVersion("transit", "phi-blind-index.idx-pin"));
        assertEquals(before, index("idx-pin", "123-45-6789", "ssn"));
        assertEquals(
                0,
                PhiAccessRecord.count(
                        "tenant = 'idx-pin' and action = 'blind-index' and (keyVersion is null or keyVersion <> 1)"));
    }

    @Test
    void shreddingMakesEverySubjectCiphertextUndecryptableForever() {
        String encryptor = TestTokens.token("shred", Roles.PHI_ENCRYPTOR);
        String[] ciphertexts = new String[2];
        for (int i = 0; i < 2; i++) {
            ciphertexts[i] = given().auth()
                    .oauth2(encryptor)
                    .contentType(ContentType.JSON)
                    .body(Map.of(
                            "plaintext",
                            b64("value " + i),
                            "record",
                            "patient/30",
                            "field",
                            "f" + i,
                            "dataSubject",
                            "patient-30"))
                    .when()
                    .post("/api/v1/phi/encrypt")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("ciphertext");
        }
        PhiCryptoTest.decrypt("shred", Map.of("ciphertext", ciphertexts[1], "record", "patient/30", "field", "f1"))
                .statusCode(200)
                .body("plaintext", equalTo(b64("value 1")));
        String subjectRef = PhiAccessRecord.<PhiAccessRecord>find("tenant = 'shred' and action = 'decrypt'")
                .firstResult()
                .dataSubjectRef;

        String officer = TestTokens.builder("shred", Roles.SECURITY_OFFICER)
                .subject("dpo")
                .sign();
        given().auth()
                .oauth2(officer)
                .contentType(ContentType.JSON)
                .body(Map.of("dataSubject", "patient-30", "reason", "erasure request 2026-117"))
                .when()
                .post("/api/v1/phi/subjects/shred")
                .then()
                .statusCode(200)
                .body("dataSubjectRef", equalTo(subjectRef))
                .body("shreddedBy", equalTo("dpo"));

        for (int i = 0; i < 2; i++) {
            PhiCryptoTest.decrypt(
                            "shred", Map.of("ciphertext", ciphertexts[i], "record", "patient/30", "field", "f" + i))
                    .statusCode(422)
                    .body("detail", containsString("crypto-shredded"));
        }
        given().auth()
                .oauth2(encryptor)
                .contentType(ContentType.JSON)
                .body(Map.of("plaintext", b64("new"), "dataSubject", "patient-30"))
                .when()
                .post("/api/v1/phi/encrypt")
                .then()
                .statusCode(409);
        given().auth()
                .oauth2(officer)
                .contentType(ContentType.JSON)
                .body(Map.of("dataSubject", "patient-30", "reason", "again"))
                .when()
                .post("/api/v1/phi/subjects/shred")
                .then()
                .statusCode(409);
        assertEquals(
                1,
                PhiAccessRecord.count(
                        "tenant = 'shred' and action = 'shred' and result = 'allowed' and dataSubjectRef = ?1",
                        subjectRef));
        assertEquals(
                0L,
                PhiAccessRecord.getEntityManager()
                                        .createNativeQuery("SELECT count(*) FROM subject_key WHERE tenant = 'shred'")
                                        .getSingleResult()
                                instanceof Number n
                        ? n.longValue()
                        : -1L);
    }

    @Test
    void shreddingIsRateLimitedPerClient() {
        String token = TestTokens.builder("shred-limited", Roles.SECURITY_OFFICER)
                .claim("azp", "rate-limited-client")
                .subject("hasty-dpo")
                .sign();
        int refused = 0;
        for (int i = 0; i < 5; i++) {
            var response = given().auth()
                    .oauth2(token)
                    .contentType(ContentType.JSON)
                    .body(Map.of("dataSubject", "person-" + i, "reason", "erasure"))
                    .when()
                    .post("/api/v1/phi/subjects/shred");
            if (response.statusCode() == 429) {
                refused++;
            } else {
                response.then().statusCode(200);
            }
        }
        assertEquals(2, refused);
        assertEquals(
                2, PhiAccessRecord.count("subject = 'hasty-dpo' and action = 'shred' and reason = 'rate-limited'"));
    }

    @Test
    void tokenMatrices() {
        TokenMatrix.assertRefusals(
                token -> TokenMatrix.bearer(token)
                        .contentType(ContentType.JSON)
                        .body(Map.of("dataSubject", "x", "reason", "y")),
                "POST",
                "/api/v1/phi/subjects/shred",
                "shred",
                Roles.SECURITY_OFFICER,
                Roles.PHI_ENCRYPTOR);
        TokenMatrix.assertRefusals(
                token -> TokenMatrix.bearer(token)
                        .contentType(ContentType.JSON)
                        .body(Map.of("value", "x", "field", "y")),
                "POST",
                "/api/v1/phi/blind-index",
                "idx",
                Roles.PHI_READER,
                Roles.AUDITOR);
    }
}
