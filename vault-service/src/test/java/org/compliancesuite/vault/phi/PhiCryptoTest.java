package org.compliancesuite.vault.phi;

import static io.restassured.RestAssured.given;
import static org.compliancesuite.vault.phi.PhiEncryptionTest.b64;
import static org.compliancesuite.vault.phi.PhiEncryptionTest.encrypt;
import static org.compliancesuite.vault.phi.PhiEncryptionTest.encryptor;
import static org.compliancesuite.vault.phi.PhiEncryptionTest.reader;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.compliancesuite.common.security.Roles;
import org.compliancesuite.common.testing.TestTokens;
import org.compliancesuite.vault.audit.PhiAccessRecord;
import org.compliancesuite.vault.phi.FieldCiphertext.Mode;
import org.compliancesuite.vault.testing.TransitTestResource;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PhiCryptoTest {

    @Inject
    FieldCipher cipher;

    static ValidatableResponse decrypt(String tenant, Map<String, ?> body) {
        return given().auth()
                .oauth2(reader(tenant))
                .header("X-Purpose-Of-Use", "payment")
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/api/v1/phi/decrypt")
                .then();
    }

    static String plain(String b64) {
        return new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
    }

    @Test
    void batchKeepsInputOrderWithPerItemErrors() {
        String good = encrypt(encryptor("batch"), "Jane Doe", "patient/7", "name");
        List<Map<String, Object>> items = List.of(
                Map.of("ciphertext", good, "record", "patient/7", "field", "name"),
                Map.of("ciphertext", good, "record", "patient/8", "field", "name"),
                Map.of("ciphertext", "cs1:e:phi:1:-:abc"),
                Map.of("ciphertext", good.replace("cs1:e:phi:", "cs1:e:nope:"), "record", "patient/7", "field", "name"),
                Map.of("ciphertext", good, "record", "patient/7", "field", "name"));
        decrypt("batch", Map.of("items", items))
                .statusCode(200)
                .body("items.size()", equalTo(5))
                .body("items[0].index", equalTo(0))
                .body("items[0].plaintext", equalTo(b64("Jane Doe")))
                .body("items[1].error.status", equalTo(422))
                .body("items[1].error.code", equalTo("not-authentic"))
                .body("items[1]", not(hasKey("plaintext")))
                .body("items[2].error.status", equalTo(400))
                .body("items[2].error.message", containsString("truncated"))
                .body("items[3].error.code", equalTo("unknown-key"))
                .body("items[4].plaintext", equalTo(b64("Jane Doe")));

        long rejected = PhiAccessRecord.count("tenant = 'batch' and action = 'decrypt' and result = 'rejected'");
        long allowed = PhiAccessRecord.count("tenant = 'batch' and action = 'decrypt' and result = 'allowed'");
        assertEquals(3, rejected);
        assertEquals(2, allowed);
    }

    @Test
    void batchEncryptAndOversizedBatch() {
        List<Map<String, Object>> items = new ArrayList<>();
        items.add(Map.of("plaintext", b64("a"), "record", "r/1", "field", "f"));
        items.add(Map.of("plaintext", "%%%not-base64", "record", "r/2", "field", "f"));
        given().auth()
                .oauth2(encryptor("batch"))
                .contentType(ContentType.JSON)
                .body(Map.of("items", items))
                .when()
                .post("/api/v1/phi/encrypt")
                .then()
                .statusCode(200)
                .body("items[0].ciphertext", startsWith("cs1:"))
                .body("items[1].error.status", equalTo(400))
                .body("items[1].error.code", equalTo("invalid-base64"));

        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            tooMany.add(Map.of("plaintext", b64("x" + i)));
        }
        given().auth()
                .oauth2(encryptor("batch"))
                .contentType(ContentType.JSON)
                .body(Map.of("items", tooMany))
                .when()
                .post("/api/v1/phi/encrypt")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("detail", containsString("at most 50"));
    }

    @Test
    void badInputAnswersWithClearProblems() {
        given().auth()
                .oauth2(encryptor("acme"))
                .contentType(ContentType.JSON)
                .body(Map.of("plaintext", "@@@"))
                .when()
                .post("/api/v1/phi/encrypt")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("plaintext is not valid base64"));
        given().auth()
                .oauth2(encryptor("acme"))
                .contentType(ContentType.JSON)
                .body(Map.of("plaintext", b64("x"), "color", "blue"))
                .when()
                .post("/api/v1/phi/encrypt")
                .then()
                .statusCode(400)
                .body("detail", containsString("unknown field 'color'"));
        String ciphertext = encrypt(encryptor("acme"), "diagnosis: J45", "patient/2", "dx");
        decrypt(
                        "acme",
                        Map.of(
                                "ciphertext",
                                ciphertext.substring(0, ciphertext.length() - 10),
                                "record",
                                "patient/2",
                                "field",
                                "dx"))
                .statusCode(422)
                .body("detail", containsString("does not authenticate"));
        String[] parts = ciphertext.split(":");
        char[] sealed = parts[6].toCharArray();
        sealed[20] = sealed[20] == 'A' ? 'B' : 'A';
        parts[6] = new String(sealed);
        decrypt("acme", Map.of("ciphertext", String.join(":", parts), "record", "patient/2", "field", "dx"))
                .statusCode(422)
                .body("detail", containsString("tampered"));
        decrypt("acme", Map.of("ciphertext", ciphertext, "record", "patient/2", "field", "ssn"))
                .statusCode(422);
        decrypt("acme", Map.of("ciphertext", "vault:v1:abc"))
                .statusCode(400)
                .body("detail", containsString("not a ciphertext of this service"));
        assertTrue(PhiAccessRecord.count("tenant = 'acme' and action = 'decrypt' and reason = 'not-authentic'") >= 3);
    }

    @Test
    void anotherTenantCannotDecrypt() {
        String ciphertext = encrypt(encryptor("acme"), "Alice", "patient/3", "name");
        decrypt("globex", Map.of("ciphertext", ciphertext, "record", "patient/3", "field", "name"))
                .statusCode(422)
                .body("detail", containsString("tenant"));
        decrypt("acme", Map.of("ciphertext", ciphertext, "record", "patient/3", "field", "name"))
                .statusCode(200)
                .body("plaintext", equalTo(b64("Alice")));
    }

    @Test
    void eitherModeDecryptsWhatTheOtherWrote() {
        FieldContext context = new FieldContext("modes", "patient/9", "name");
        String direct = QuarkusTransaction.requiringNew()
                .call(() -> cipher.encrypt(Mode.DIRECT, context, "Bob".getBytes(StandardCharsets.UTF_8), null)
                        .format());
        assertTrue(direct.startsWith("cs1:d:phi:"));
        decrypt("modes", Map.of("ciphertext", direct, "record", "patient/9", "field", "name"))
                .statusCode(200)
                .body("plaintext", equalTo(b64("Bob")));
        decrypt("modes", Map.of("ciphertext", direct, "record", "patient/10", "field", "name"))
                .statusCode(422);
        String envelope = encrypt(encryptor("modes"), "Bob", "patient/9", "name");
        FieldCiphertext parsed = FieldCiphertext.parse(envelope);
        assertEquals(Mode.ENVELOPE, parsed.mode());
        byte[] opened = QuarkusTransaction.requiringNew().call(() -> cipher.decrypt(context, parsed, null));
        assertEquals("Bob", new String(opened, StandardCharsets.UTF_8));
    }

    @Test
    void envelopeModeReusesDataKeysWithinTheirUseLimit() {
        var server = TransitTestResource.server();
        encrypt(encryptor("reuse"), "warm-up", "r", "f");
        long before = server.calls("datakey");
        for (int i = 0; i < 4; i++) {
            encrypt(encryptor("reuse"), "value " + i, "r", "f");
        }
        // data-key-max-uses is 5 in tests: the warm-up and four more share one data key.
        assertEquals(before, server.calls("datakey"));
        encrypt(encryptor("reuse"), "sixth", "r", "f");
        assertEquals(before + 1, server.calls("datakey"));
    }

    @Test
    void rewrapAuthenticatesTheCiphertextAndItsBindingBeforeRenewingIt() {
        String envelope = encrypt(encryptor("rewrap-check"), "secret", "patient/7", "ssn");
        String direct = QuarkusTransaction.requiringNew()
                .call(() -> cipher.encrypt(
                                Mode.DIRECT,
                                new FieldContext("rewrap-check", "patient/7", "ssn"),
                                "secret".getBytes(StandardCharsets.UTF_8),
                                null)
                        .format());
        for (String valid : List.of(envelope, direct)) {
            String body = valid.substring(valid.lastIndexOf(':') + 1);
            int at = body.length() / 2;
            String flipped = valid.substring(0, valid.lastIndexOf(':') + 1)
                    + body.substring(0, at)
                    + (body.charAt(at) == 'A' ? 'B' : 'A')
                    + body.substring(at + 1);
            List<Map<String, Object>> items = List.of(
                    Map.of("ciphertext", valid, "record", "patient/7", "field", "ssn"),
                    Map.of("ciphertext", flipped, "record", "patient/7", "field", "ssn"),
                    Map.of("ciphertext", valid, "record", "patient/8", "field", "ssn"),
                    Map.of("ciphertext", valid, "record", "patient/7", "field", "diagnosis"));
            // already at the latest version, so nothing would change: the tampered and misplaced ones still fail
            given().auth()
                    .oauth2(encryptor("rewrap-check"))
                    .contentType(ContentType.JSON)
                    .body(Map.of("items", items))
                    .when()
                    .post("/api/v1/phi/rewrap")
                    .then()
                    .statusCode(200)
                    .body("items[0].ciphertext", equalTo(valid))
                    .body("items[1]", not(hasKey("ciphertext")))
                    .body("items[1].error.status", equalTo(422))
                    .body("items[2].error.status", equalTo(422))
                    .body("items[3].error.status", equalTo(422));
        }
    }

    @Test
    void rewrapMovesToLatestVersionWithoutPlaintextAndMinimumRetiresOldVersions() {
        String officer = TestTokens.token("rotate", Roles.SECURITY_OFFICER);
        String envelope = encrypt(encryptor("rotate"), "old secret", "patient/4", "ssn");
        String direct = QuarkusTransaction.requiringNew()
                .call(() -> cipher.encrypt(
                                Mode.DIRECT,
                                new FieldContext("rotate", "patient/4", "ssn"),
                                "old secret".getBytes(StandardCharsets.UTF_8),
                                null)
                        .format());
        given().auth()
                .oauth2(officer)
                .when()
                .post("/api/v1/keys/phi/rotate")
                .then()
                .statusCode(200)
                .body("latestVersion", equalTo(2));

        List<Map<String, Object>> items = List.of(
                Map.of("ciphertext", envelope, "record", "patient/4", "field", "ssn"),
                Map.of("ciphertext", direct, "record", "patient/4", "field", "ssn"));
        List<String> moved = given().auth()
                .oauth2(encryptor("rotate"))
                .contentType(ContentType.JSON)
                .body(Map.of("items", items))
                .when()
                .post("/api/v1/phi/rewrap")
                .then()
                .statusCode(200)
                .body("items[0].keyVersion", equalTo(2))
                .body("items[1].keyVersion", equalTo(2))
                .body("items[0]", not(hasKey("plaintext")))
                .body("items[1].ciphertext", startsWith("cs1:d:phi:2:"))
                .extract()
                .path("items.ciphertext");

        given().auth()
                .oauth2(officer)
                .contentType(ContentType.JSON)
                .body(Map.of("minDecryptionVersion", 2))
                .when()
                .put("/api/v1/keys/phi/config")
                .then()
                .statusCode(200)
                .body("minDecryptionVersion", equalTo(2));

        decrypt("rotate", Map.of("ciphertext", envelope, "record", "patient/4", "field", "ssn"))
                .statusCode(422)
                .body("detail", containsString("below the minimum decryption version"));
        decrypt("rotate", Map.of("ciphertext", direct, "record", "patient/4", "field", "ssn"))
                .statusCode(422);
        for (String ciphertext : moved) {
            decrypt("rotate", Map.of("ciphertext", ciphertext, "record", "patient/4", "field", "ssn"))
                    .statusCode(200)
                    .body("plaintext", equalTo(b64("old secret")))
                    .body("keyVersion", equalTo(2));
        }
        assertTrue(PhiAccessRecord.count("tenant = 'rotate' and action = 'decrypt' and reason = 'key-version-retired'")
                >= 1);
    }

    @Test
    void singleResultShape() {
        given().auth()
                .oauth2(encryptor("acme"))
                .contentType(ContentType.JSON)
                .body(Map.of("plaintext", b64("x"), "items", List.of()))
                .when()
                .post("/api/v1/phi/encrypt")
                .then()
                .statusCode(400)
                .body("detail", containsString("not both"));
        given().auth()
                .oauth2(encryptor("acme"))
                .contentType(ContentType.JSON)
                .body(Map.of("plaintext", b64("x")))
                .when()
                .post("/api/v1/phi/encrypt")
                .then()
                .statusCode(200)
                .body("mode", equalTo("envelope"))
                .body("keyVersion", notNullValue())
                .body("error", nullValue());
    }
}
