package org.compliancesuite.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Hostile input that only a real ciphertext makes possible: one flipped character of the sealed body or of the
 * wrapped data key, a truncation, another key version or subject key in the header, the ciphertext of another record
 * or field, and another tenant's ciphertext. None of them decrypts or rewraps, alone or inside a batch beside a valid
 * item; each refusal is a 4xx problem without plaintext, and each is in the PHI access audit log.
 */
@Order(21)
class TamperedCiphertextTest {

    static final String TENANT = "tamper";
    static final String OTHER_TENANT = "tamper-other";
    static final String SECRET = "123-45-6789";

    @Test
    void noTamperedCiphertextDecryptsOrRewrapsAndEveryRefusalIsAudited() {
        RunningSuite suite = RunningSuite.get();
        String vault = RunningSuite.baseUrl("vault");
        String app = suite.token(TENANT, "phi-encryptor", "phi-reader");
        String officer = suite.token(TENANT, "security-officer", "auditor");
        String other = suite.token(OTHER_TENANT, "phi-encryptor");

        String valid = encrypt(vault, app, "patient-1", "ssn");
        String otherRecord = encrypt(vault, app, "patient-2", "ssn");
        String otherTenants = encrypt(vault, other, "patient-1", "ssn");
        Map<String, String> tampered = tamperings(valid);
        tampered.put("ciphertext of another record", otherRecord);
        tampered.put("another tenant's ciphertext", otherTenants);
        int before = decryptRefusals(vault, officer);

        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, String> t : tampered.entrySet()) {
            Http.Answer single = Http.post(
                    vault + "/api/v1/phi/decrypt",
                    app,
                    Map.of("ciphertext", t.getValue(), "record", "patient-1", "field", "ssn"),
                    Map.of("X-Purpose-Of-Use", "treatment"));
            if (single.status() < 400
                    || single.status() >= 500
                    || !single.contentType().startsWith("application/problem+json")
                    || single.text().contains(Api.b64(SECRET))) {
                failures.add(t.getKey() + ": decrypt answered " + single.status() + " " + single.text());
            }
            Http.Answer batch = Http.post(
                    vault + "/api/v1/phi/decrypt",
                    app,
                    Map.of(
                            "items",
                            List.of(
                                    Map.of("ciphertext", valid, "record", "patient-1", "field", "ssn"),
                                    Map.of("ciphertext", t.getValue(), "record", "patient-1", "field", "ssn"))),
                    Map.of("X-Purpose-Of-Use", "treatment"));
            JsonNode items = batch.body().path("items");
            if (batch.status() != 200
                    || !SECRET.equals(Api.unb64(items.path(0).path("plaintext").asText()))
                    || items.path(1).has("plaintext")
                    || !items.path(1).has("error")) {
                failures.add(t.getKey() + ": batch decrypt answered " + batch.status() + " " + batch.text());
            }
            Http.Answer rewrap = Http.post(
                    vault + "/api/v1/phi/rewrap",
                    app,
                    Map.of("ciphertext", t.getValue(), "record", "patient-1", "field", "ssn"),
                    Map.of());
            if (rewrap.status() < 400 || rewrap.status() >= 500 || rewrap.text().contains(Api.b64(SECRET))) {
                failures.add(t.getKey() + ": rewrap answered " + rewrap.status() + " " + rewrap.text());
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));

        // one refused single decrypt and one refused batch item per tampering, each with its access record
        int refusals = decryptRefusals(vault, officer) - before;
        assertTrue(
                refusals >= 2 * tampered.size(),
                refusals + " refused decrypts recorded for " + tampered.size() + " tamperings sent twice");
        Api.verifyAudit(vault, officer).then().statusCode(200);
        assertEquals(true, Api.verifyAudit(vault, officer).jsonPath().getBoolean("valid"));
    }

    /** Variants of one valid envelope or direct ciphertext, each differing from it in one way. */
    static Map<String, String> tamperings(String valid) {
        String[] parts = valid.split(":", -1);
        assertEquals("cs1", parts[0], "a ciphertext of this service: " + valid);
        Map<String, String> t = new LinkedHashMap<>();
        String sealed = parts[parts.length - 1];
        t.put("flipped character in the sealed body", replaceLast(parts, flip(sealed, sealed.length() / 2)));
        t.put("flipped character near the tag", replaceLast(parts, flip(sealed, sealed.length() - 3)));
        t.put("truncated by 8 characters", valid.substring(0, valid.length() - 8));
        t.put("sealed body cut to 12 bytes", replaceLast(parts, sealed.substring(0, 16)));
        if ("e".equals(parts[1])) {
            String[] changed = parts.clone();
            changed[5] = flip(parts[5], parts[5].length() / 2);
            t.put("flipped character in the wrapped data key", String.join(":", changed));
        }
        String[] version = parts.clone();
        version[3] = String.valueOf(Integer.parseInt(parts[3]) + 1);
        t.put("next key version in the header", String.join(":", version));
        String[] mode = parts.clone();
        mode[1] = "e".equals(parts[1]) ? "d" : "e";
        t.put("other mode in the header", String.join(":", mode));
        String[] subject = parts.clone();
        subject[4] = "00000000-0000-4000-8000-000000000000";
        t.put("another subject key in the header", String.join(":", subject));
        return t;
    }

    private static String encrypt(String vault, String token, String record, String field) {
        Http.Answer answer = Http.post(
                vault + "/api/v1/phi/encrypt",
                token,
                Map.of("plaintext", Api.b64(SECRET), "record", record, "field", field, "dataSubject", "tamper-p1"),
                Map.of());
        assertEquals(200, answer.status(), answer.text());
        String ciphertext = answer.body().path("ciphertext").asText();
        assertFalse(ciphertext.isBlank());
        return ciphertext;
    }

    private static int decryptRefusals(String vault, String officer) {
        return Api.as(officer)
                .body(Map.of("action", "decrypt", "user", "sys-" + TENANT, "size", 500))
                .post(vault + "/api/v1/audit/search")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .<String>getList("items.result")
                .stream()
                .filter(r -> !"allowed".equals(r))
                .toList()
                .size();
    }

    private static String replaceLast(String[] parts, String last) {
        String[] changed = parts.clone();
        changed[changed.length - 1] = last;
        return String.join(":", changed);
    }

    /** One base64 character changed to another valid one, so the text still decodes but one byte differs. */
    private static final String BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /**
     * Changes the character's highest bit, which is a data bit wherever the character stands: the last character before
     * "==" padding carries 2 data bits and 4 that decoders ignore, so changing a low bit there left the bytes as they
     * were (and the "tampered" ciphertext decrypted, now and then, when the random ciphertext ended that way).
     */
    private static String flip(String base64, int at) {
        int value = BASE64.indexOf(base64.charAt(at));
        if (value < 0) {
            throw new IllegalArgumentException("not a base64 character at " + at + ": " + base64);
        }
        return base64.substring(0, at) + BASE64.charAt(value ^ 0b100000) + base64.substring(at + 1);
    }
}
