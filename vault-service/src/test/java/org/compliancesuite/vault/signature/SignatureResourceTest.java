package org.compliancesuite.vault.signature;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.LinkedHashMap;
import java.util.Map;
import org.compliancesuite.common.security.Roles;
import org.compliancesuite.common.testing.TestTokens;
import org.compliancesuite.common.testing.TokenMatrix;
import org.compliancesuite.vault.audit.PhiAccessRecord;
import org.compliancesuite.vault.testing.CheckpointStatements;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SignatureResourceTest {

    static final String HEAD = CheckpointStatements.HEAD;

    private static String statement(String tenant, long sequence) {
        return CheckpointStatements.statement(tenant, sequence);
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void checkpointSignatureVerifiesOfflineWithThePublishedKey() throws Exception {
        byte[] checkpoint = statement("sig", 42).getBytes(StandardCharsets.UTF_8);
        var signed = given().auth()
                .oauth2(TestTokens.builder("sig", Roles.EVIDENCE_COLLECTOR)
                        .subject("collector")
                        .sign())
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
        verifier.update(statement("sig", 43).getBytes(StandardCharsets.UTF_8));
        assertFalse(verifier.verify(Base64.getDecoder().decode(signed.<String>path("signature"))));
        PhiAccessRecord record = PhiAccessRecord.<PhiAccessRecord>find(
                        "tenant = 'sig' and action = 'sign' and subject = 'collector'")
                .firstResult();
        assertEquals("allowed", record.result);
        assertEquals("evidence-checkpoint", record.keyName);
        assertEquals(1, record.keyVersion);
    }

    @Test
    void checkpointsSignedBeforeARotationVerifyWithTheirOwnVersionsKey() throws Exception {
        String tenant = "sig-rotate";
        given().auth()
                .oauth2(TestTokens.token(tenant, Roles.AUDITOR))
                .when()
                .get("/api/v1/signatures/public-key")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        byte[] first = statement(tenant, 1).getBytes(StandardCharsets.UTF_8);
        String firstSignature = sign(tenant, first, 1);
        given().auth()
                .oauth2(TestTokens.token(tenant, Roles.SECURITY_OFFICER))
                .when()
                .post("/api/v1/keys/evidence-checkpoint/rotate")
                .then()
                .statusCode(200)
                .body("latestVersion", equalTo(2));
        byte[] second = statement(tenant, 2).getBytes(StandardCharsets.UTF_8);
        String secondSignature = sign(tenant, second, 2);

        PublicKey v1 = publicKey(tenant, "?version=1", 1);
        PublicKey v2 = publicKey(tenant, "", 2);
        assertTrue(verifies(v1, first, firstSignature));
        assertTrue(verifies(v2, second, secondSignature));
        assertFalse(verifies(v2, first, firstSignature), "a rotation made a new key pair");
        given().auth()
                .oauth2(TestTokens.token(tenant, Roles.AUDITOR))
                .when()
                .get("/api/v1/signatures/public-key?version=3")
                .then()
                .statusCode(404)
                .body("detail", containsString("no version 3"));
        given().auth()
                .oauth2(TestTokens.token(tenant, Roles.AUDITOR))
                .when()
                .get("/api/v1/signatures/public-key?version=0")
                .then()
                .statusCode(422);
    }

    private static String sign(String tenant, byte[] statement, int expectedVersion) {
        return given().auth()
                .oauth2(TestTokens.token(tenant, Roles.EVIDENCE_COLLECTOR))
                .contentType(ContentType.JSON)
                .body(Map.of("input", Base64.getEncoder().encodeToString(statement)))
                .when()
                .post("/api/v1/signatures")
                .then()
                .statusCode(200)
                .body("keyVersion", equalTo(expectedVersion))
                .extract()
                .path("signature");
    }

    private static PublicKey publicKey(String tenant, String query, int expectedVersion) throws Exception {
        String pem = given().auth()
                .oauth2(TestTokens.token(tenant, Roles.AUDITOR))
                .when()
                .get("/api/v1/signatures/public-key" + query)
                .then()
                .statusCode(200)
                .body("keyVersion", equalTo(expectedVersion))
                .extract()
                .path("publicKeyPem");
        return KeyFactory.getInstance("Ed25519")
                .generatePublic(new X509EncodedKeySpec(
                        Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""))));
    }

    private static boolean verifies(PublicKey key, byte[] statement, String signature) throws Exception {
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(key);
        verifier.update(statement);
        return verifier.verify(Base64.getDecoder().decode(signature));
    }

    @Test
    void onlyCanonicalCheckpointStatementsOfTheCallersTenantAreSigned() {
        String canonical = statement("sig-refuse", 7);
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("arbitrary bytes", "ledger acme seq 42 head 9f2c");
        refused.put("not an object", "[1,2]");
        refused.put("another tenant", statement("victim", 7));
        refused.put("pretty printed", canonical.replace(",", ", "));
        refused.put(
                "keys not sorted",
                "{\"type\":\"ledger-checkpoint/v1\",\"headHash\":\"" + HEAD
                        + "\",\"sequence\":7,\"signedAt\":\"2026-12-03T10:15:30.123456Z\",\"tenant\":\"sig-refuse\"}");
        refused.put("extra field", canonical.replace("{", "{\"extra\":1,"));
        refused.put("missing field", canonical.replace(",\"type\":\"ledger-checkpoint/v1\"", ""));
        refused.put("wrong type", canonical.replace("ledger-checkpoint/v1", "ledger-checkpoint/v2"));
        refused.put("short head hash", canonical.replace(HEAD, "9f2c"));
        refused.put("upper-case head hash", canonical.replace(HEAD, HEAD.toUpperCase()));
        refused.put("sequence zero", canonical.replace("\"sequence\":7", "\"sequence\":0"));
        refused.put("sequence negative", canonical.replace("\"sequence\":7", "\"sequence\":-7"));
        refused.put("sequence fraction", canonical.replace("\"sequence\":7", "\"sequence\":7.5"));
        refused.put("sequence as text", canonical.replace("\"sequence\":7", "\"sequence\":\"7\""));
        refused.put("bad instant", canonical.replace("2026-12-03T10:15:30.123456Z", "yesterday"));
        refused.put("duplicate field", canonical.replace("{", "{\"tenant\":\"sig-refuse\","));
        refused.put("trailing data", canonical + "{}");
        String token = TestTokens.builder("sig-refuse", Roles.GRC_ADMIN)
                .subject("refused-signer")
                .sign();
        refused.forEach((why, input) -> given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("input", b64(input)))
                .when()
                .post("/api/v1/signatures")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("detail", startsWith("input: ")));
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("input", Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, (byte) 0xfe})))
                .when()
                .post("/api/v1/signatures")
                .then()
                .statusCode(422);
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("input", "***"))
                .when()
                .post("/api/v1/signatures")
                .then()
                .statusCode(400)
                .body("detail", containsString("base64"));
        assertEquals(
                refused.size() + 2,
                PhiAccessRecord.count("subject = 'refused-signer' and action = 'sign' and result = 'rejected'"));
        assertEquals(
                1, PhiAccessRecord.count("subject = 'refused-signer' and action = 'sign' and reason = 'wrong-tenant'"));
        // and the canonical statement itself is signed
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("input", b64(canonical)))
                .when()
                .post("/api/v1/signatures")
                .then()
                .statusCode(200);
    }

    @Test
    void tokenMatrix() {
        TokenMatrix.assertRefusals(
                token -> TokenMatrix.bearer(token)
                        .contentType(ContentType.JSON)
                        .body(Map.of("input", b64(statement("sig", 1)))),
                "POST",
                "/api/v1/signatures",
                "sig",
                Roles.GRC_ADMIN,
                Roles.PHI_READER);
        TokenMatrix.assertRefusals(
                TokenMatrix::bearer, "GET", "/api/v1/signatures/public-key", "sig", Roles.AUDITOR, Roles.PHI_READER);
    }
}
