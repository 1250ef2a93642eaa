package org.compliancesuite.system;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Journey 2: an internal application encrypts a batch of PHI fields and stores a blind index; a clinician decrypts
 * one with a purpose of use; a break-glass decrypt is flagged; the security officer finds both in the audit log by
 * data subject and verifies the chain.
 */
@Order(11)
class PhiJourneyTest {

    static final String TENANT = "clinic";
    static final String PATIENT = "patient-4711";

    @Test
    void encryptBatchBlindIndexDecryptBreakGlassAndAudit() {
        RunningSuite suite = RunningSuite.get();
        String vault = RunningSuite.baseUrl("vault");
        String app = suite.token(TENANT, "phi-encryptor");
        String clinician = suite.token(TENANT, "phi-reader");
        String emergency = suite.token(TENANT, "phi-reader", "phi-break-glass");
        String officer = suite.token(TENANT, "security-officer");

        // The application encrypts the patient's fields in one batch, each bound to its record and field.
        List<Map<String, String>> fields = List.of(
                Map.of("plaintext", Api.b64("Jane Roe"), "record", "chart-1", "field", "name", "dataSubject", PATIENT),
                Map.of(
                        "plaintext",
                        Api.b64("123-45-6789"),
                        "record",
                        "chart-1",
                        "field",
                        "ssn",
                        "dataSubject",
                        PATIENT),
                Map.of(
                        "plaintext",
                        Api.b64("E11.9 type 2 diabetes"),
                        "record",
                        "chart-1",
                        "field",
                        "diagnosis",
                        "dataSubject",
                        PATIENT));
        JsonPath batch = Api.as(app)
                .body(Map.of("items", fields))
                .post(vault + "/api/v1/phi/encrypt")
                .then()
                .statusCode(200)
                .body("items", hasSize(3))
                .body("items.ciphertext", everyItem(notNullValue()))
                .extract()
                .jsonPath();
        String ssnCiphertext = batch.getString("items[1].ciphertext");
        assertFalse(ssnCiphertext.contains("123-45-6789"), "the ciphertext does not carry the plaintext");

        // A blind index lets the application find the patient by SSN without decrypting; equal values, equal index.
        String index = Api.as(app)
                .body(Map.of("value", "123-45-6789", "field", "ssn"))
                .post(vault + "/api/v1/phi/blind-index")
                .then()
                .statusCode(200)
                .body("index", matchesPattern("[A-Za-z0-9+/=_-]{16,}"))
                .extract()
                .path("index");
        Api.as(app)
                .body(Map.of("value", "123-45-6789", "field", "ssn"))
                .post(vault + "/api/v1/phi/blind-index")
                .then()
                .statusCode(200)
                .body("index", equalTo(index));
        Api.as(app)
                .body(Map.of("value", "987-65-4321", "field", "ssn"))
                .post(vault + "/api/v1/phi/blind-index")
                .then()
                .statusCode(200)
                .body("index", not(equalTo(index)));

        // The clinician decrypts the SSN for treatment; without a purpose of use nothing is returned.
        Map<String, String> ssn = Map.of("ciphertext", ssnCiphertext, "record", "chart-1", "field", "ssn");
        Api.as(clinician)
                .body(ssn)
                .post(vault + "/api/v1/phi/decrypt")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        String plaintext = Api.as(clinician)
                .header("X-Purpose-Of-Use", "treatment")
                .body(ssn)
                .post(vault + "/api/v1/phi/decrypt")
                .then()
                .statusCode(200)
                .extract()
                .path("plaintext");
        assertEquals("123-45-6789", Api.unb64(plaintext));
        // Bound to its record: the same ciphertext presented for another chart does not decrypt.
        Api.as(clinician)
                .header("X-Purpose-Of-Use", "treatment")
                .body(Map.of("ciphertext", ssnCiphertext, "record", "chart-2", "field", "ssn"))
                .post(vault + "/api/v1/phi/decrypt")
                .then()
                .statusCode(422)
                .contentType("application/problem+json");

        // Break-glass: refused to a plain reader, allowed with the break-glass role and a justification, flagged.
        Api.as(clinician)
                .header("X-Purpose-Of-Use", "break-glass")
                .header("X-Break-Glass-Justification", "patient unconscious in the emergency room")
                .body(ssn)
                .post(vault + "/api/v1/phi/decrypt")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        Api.as(emergency)
                .header("X-Purpose-Of-Use", "break-glass")
                .header("X-Break-Glass-Justification", "patient unconscious in the emergency room")
                .body(Map.of(
                        "ciphertext",
                        batch.getString("items[2].ciphertext"),
                        "record",
                        "chart-1",
                        "field",
                        "diagnosis"))
                .post(vault + "/api/v1/phi/decrypt")
                .then()
                .statusCode(200);

        // The security officer finds both decrypts by data subject, the break-glass one flagged for review.
        JsonPath audit = Api.auditByDataSubject(vault, officer, PATIENT)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<Map<String, Object>> records = audit.getList("items");
        assertTrue(
                records.stream().noneMatch(r -> PATIENT.equals(r.get("dataSubjectRef"))),
                "the data subject is stored as a keyed reference, never in plaintext");
        List<Map<String, Object>> allowedDecrypts = records.stream()
                .filter(r -> "allowed".equals(r.get("result"))
                        && String.valueOf(r.get("action")).contains("decrypt"))
                .toList();
        assertEquals(2, allowedDecrypts.size(), "the treatment and the break-glass decrypt: " + records);
        Map<String, Object> treatment = allowedDecrypts.stream()
                .filter(r -> "treatment".equals(r.get("purpose")))
                .findFirst()
                .orElseThrow();
        Map<String, Object> glass = allowedDecrypts.stream()
                .filter(r -> "break-glass".equals(r.get("purpose")))
                .findFirst()
                .orElseThrow();
        assertEquals(Boolean.FALSE, treatment.get("reviewRequired"));
        assertEquals(Boolean.TRUE, glass.get("reviewRequired"), "break-glass is flagged for review");
        assertEquals("patient unconscious in the emergency room", glass.get("justification"));
        assertEquals("sys-" + TENANT, glass.get("subject"), "who decrypted is recorded");
        // The refused break-glass attempt is audited too (refused before decryption, so found by user).
        List<Map<String, Object>> byUser = Api.as(officer)
                .body(Map.of("user", "sys-" + TENANT, "size", 500))
                .post(vault + "/api/v1/audit/search")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items");
        assertTrue(
                byUser.stream()
                        .anyMatch(r -> "denied".equals(r.get("result")) && "break-glass".equals(r.get("purpose"))),
                "the refused break-glass attempt is audited: " + byUser);
        assertTrue(
                records.stream().anyMatch(r -> String.valueOf(r.get("action")).contains("encrypt")),
                "the encryptions are audited");

        Api.verifyAudit(vault, officer).then().statusCode(200).body("valid", equalTo(true));
    }
}
