package org.compliancesuite.vault.phi;

import static io.restassured.RestAssured.given;
import static org.compliancesuite.vault.phi.PhiEncryptionTest.b64;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.compliancesuite.common.security.Roles;
import org.compliancesuite.common.testing.TestTokens;
import org.compliancesuite.vault.audit.AuditReferences;
import org.compliancesuite.vault.audit.PhiAccessRecord;
import org.junit.jupiter.api.Test;

/**
 * No unaudited access: every PHI, key and shred request with a valid token leaves an access record, including the
 * ones refused before the operation runs (malformed body, unknown field, failed validation, mixed or empty or
 * oversized batch).
 */
@QuarkusTest
class RefusalAuditTest {

    static final String TENANT = "refusals";

    @jakarta.inject.Inject
    AuditReferences references;

    private static RequestSpecification as(String subject, String... roles) {
        return given().auth()
                .oauth2(TestTokens.builder(TENANT, roles).subject(subject).sign())
                .header("X-Purpose-Of-Use", "treatment")
                .contentType(ContentType.JSON);
    }

    /** The refusals are queued without waiting for the commit when the filter writes them: wait for the record. */
    private static PhiAccessRecord recordOf(String subject) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (PhiAccessRecord.count("tenant = ?1 and subject = ?2", TENANT, subject) == 0
                && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        List<PhiAccessRecord> records = PhiAccessRecord.list("tenant = ?1 and subject = ?2", TENANT, subject);
        assertEquals(1, records.size(), "exactly one access record for " + subject);
        return records.getFirst();
    }

    private static void assertRejected(String subject, String action, String reason) {
        PhiAccessRecord record = recordOf(subject);
        assertEquals(action, record.action);
        assertEquals("rejected", record.result);
        assertTrue(record.reason.startsWith(reason), record.reason);
        assertNotNull(record.sourceIp);
    }

    @Test
    void batchShapeRefusalsAreAudited() {
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            tooMany.add(Map.of("plaintext", b64("x")));
        }
        as("oversized", Roles.PHI_ENCRYPTOR)
                .body(Map.of("items", tooMany))
                .post("/api/v1/phi/encrypt")
                .then()
                .statusCode(413);
        assertRejected("oversized", "encrypt", "batch-too-large");

        as("empty", Roles.PHI_READER)
                .body(Map.of("items", List.of()))
                .post("/api/v1/phi/decrypt")
                .then()
                .statusCode(422);
        PhiAccessRecord empty = recordOf("empty");
        assertEquals("empty-batch", empty.reason);
        assertEquals("treatment", empty.purpose);

        as("mixed", Roles.PHI_ENCRYPTOR)
                .body(Map.of("ciphertext", "cs1:e:phi:1:-:a:b", "items", List.of(Map.of("ciphertext", "x"))))
                .post("/api/v1/phi/rewrap")
                .then()
                .statusCode(400);
        assertRejected("mixed", "rewrap", "mixed-single-and-batch");
    }

    @Test
    void bodiesRefusedBeforeTheOperationAreAudited() {
        as("unknown-field", Roles.PHI_ENCRYPTOR)
                .body(Map.of("plaintext", b64("x"), "color", "blue"))
                .post("/api/v1/phi/encrypt")
                .then()
                .statusCode(400);
        assertRejected("unknown-field", "encrypt", "malformed request");

        as("not-json", Roles.PHI_READER)
                .body("{\"ciphertext\": ")
                .post("/api/v1/phi/decrypt")
                .then()
                .statusCode(400);
        assertRejected("not-json", "decrypt", "malformed request");

        as("too-long-record", Roles.PHI_READER)
                .body(Map.of("ciphertext", "cs1:e:phi:1:-:a:b", "record", "r".repeat(513)))
                .post("/api/v1/phi/decrypt")
                .then()
                .statusCode(422);
        assertRejected("too-long-record", "decrypt", "invalid request: record");

        as("blank-value", Roles.PHI_READER)
                .body(Map.of("value", "", "field", "ssn"))
                .post("/api/v1/phi/blind-index")
                .then()
                .statusCode(422);
        assertRejected("blank-value", "blind-index", "invalid request: value");

        as("shred-unknown", Roles.SECURITY_OFFICER)
                .body(Map.of("dataSubject", "p", "reason", "r", "force", true))
                .post("/api/v1/phi/subjects/shred")
                .then()
                .statusCode(400);
        assertRejected("shred-unknown", "shred", "malformed request");

        as("shred-invalid", Roles.SECURITY_OFFICER)
                .body(Map.of("dataSubject", "p"))
                .post("/api/v1/phi/subjects/shred")
                .then()
                .statusCode(422);
        assertRejected("shred-invalid", "shred", "invalid request: reason");

        as("config-unknown", Roles.SECURITY_OFFICER)
                .body(Map.of("rotationPeriodDays", 30, "extra", 1))
                .put("/api/v1/keys/phi/config")
                .then()
                .statusCode(400);
        PhiAccessRecord config = recordOf("config-unknown");
        assertEquals("key-configure", config.action);
        assertEquals("phi", config.keyName);
        assertEquals("malformed request", config.reason);

        as("config-invalid", Roles.SECURITY_OFFICER)
                .body(Map.of("rotationPeriodDays", -1))
                .put("/api/v1/keys/phi/config")
                .then()
                .statusCode(422);
        assertRejected("config-invalid", "key-configure", "invalid request: rotationPeriodDays");
    }

    @Test
    void aDeclaredDataSubjectIsRecordedAndMustMatchTheCiphertextsKey() {
        String anonymous = given().auth()
                .oauth2(TestTokens.token(TENANT, Roles.PHI_ENCRYPTOR))
                .contentType(ContentType.JSON)
                .body(Map.of("plaintext", b64("allergy"), "record", "patient/90"))
                .post("/api/v1/phi/encrypt")
                .then()
                .statusCode(200)
                .extract()
                .path("ciphertext");
        String owned = given().auth()
                .oauth2(TestTokens.token(TENANT, Roles.PHI_ENCRYPTOR))
                .contentType(ContentType.JSON)
                .body(Map.of("plaintext", b64("allergy"), "record", "patient/91", "dataSubject", "person-91"))
                .post("/api/v1/phi/encrypt")
                .then()
                .statusCode(200)
                .extract()
                .path("ciphertext");

        // no per-subject key: the declared subject is what the record names
        as("declares", Roles.PHI_READER)
                .body(Map.of("ciphertext", anonymous, "record", "patient/90", "dataSubject", "person-90"))
                .post("/api/v1/phi/decrypt")
                .then()
                .statusCode(200)
                .body("plaintext", equalTo(b64("allergy")));
        String ref90 = references.dataSubject(TENANT, "person-90");
        assertEquals(ref90, recordOf("declares").dataSubjectRef);
        given().auth()
                .oauth2(TestTokens.token(TENANT, Roles.AUDITOR))
                .contentType(ContentType.JSON)
                .body(Map.of("dataSubject", "person-90", "action", "decrypt"))
                .post("/api/v1/audit/search")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].subject", equalTo("declares"));

        // a per-subject key: a declared subject that is not its owner is refused before anything is opened
        as("mismatch", Roles.PHI_READER)
                .body(Map.of("ciphertext", owned, "record", "patient/91", "dataSubject", "person-90"))
                .post("/api/v1/phi/decrypt")
                .then()
                .statusCode(422)
                .body("detail", org.hamcrest.Matchers.containsString("another data subject"))
                .body("plaintext", org.hamcrest.Matchers.nullValue());
        PhiAccessRecord mismatch = recordOf("mismatch");
        assertEquals("rejected", mismatch.result);
        assertEquals("data-subject-mismatch", mismatch.reason);
        assertEquals(references.dataSubject(TENANT, "person-91"), mismatch.dataSubjectRef);

        as("matches", Roles.PHI_READER)
                .body(Map.of("ciphertext", owned, "record", "patient/91", "dataSubject", "person-91"))
                .post("/api/v1/phi/decrypt")
                .then()
                .statusCode(200);
        as("rewrap-mismatch", Roles.PHI_ENCRYPTOR)
                .body(Map.of(
                        "items",
                        List.of(Map.of("ciphertext", owned, "record", "patient/91", "dataSubject", "someone-else"))))
                .post("/api/v1/phi/rewrap")
                .then()
                .statusCode(200)
                .body("items[0].error.code", equalTo("data-subject-mismatch"));
        assertEquals("data-subject-mismatch", recordOf("rewrap-mismatch").reason);
    }
}
