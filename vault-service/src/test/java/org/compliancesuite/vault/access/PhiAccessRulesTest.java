package org.compliancesuite.vault.access;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.compliancesuite.common.security.Roles;
import org.compliancesuite.common.testing.TestTokens;
import org.compliancesuite.common.testing.TokenMatrix;
import org.compliancesuite.vault.audit.PhiAccessRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PhiAccessRulesTest {

    static final String TENANT = "rules";

    private static String encrypt(String record) {
        return given().auth()
                .oauth2(TestTokens.token(TENANT, Roles.PHI_ENCRYPTOR))
                .contentType(ContentType.JSON)
                .body(Map.of("plaintext", Base64.getEncoder().encodeToString("Carol".getBytes()), "record", record))
                .when()
                .post("/api/v1/phi/encrypt")
                .then()
                .statusCode(200)
                .extract()
                .path("ciphertext");
    }

    @Test
    void decryptNeedsAKnownPurposeAndIsRefusedAndAuditedOtherwise() {
        String ciphertext = encrypt("patient/20");
        String token = TestTokens.builder(TENANT, Roles.PHI_READER)
                .subject("no-purpose")
                .sign();
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("ciphertext", ciphertext, "record", "patient/20"))
                .when()
                .post("/api/v1/phi/decrypt")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("X-Purpose-Of-Use"));
        given().auth()
                .oauth2(token)
                .header("X-Purpose-Of-Use", "curiosity")
                .contentType(ContentType.JSON)
                .body(Map.of("ciphertext", ciphertext, "record", "patient/20"))
                .when()
                .post("/api/v1/phi/decrypt")
                .then()
                .statusCode(400);
        assertEquals(2, PhiAccessRecord.count("subject = 'no-purpose' and result = 'denied' and action = 'decrypt'"));
        for (String purpose : List.of("treatment", "payment", "operations", "audit", "legal")) {
            given().auth()
                    .oauth2(token)
                    .header("X-Purpose-Of-Use", purpose)
                    .contentType(ContentType.JSON)
                    .body(Map.of("ciphertext", ciphertext, "record", "patient/20"))
                    .when()
                    .post("/api/v1/phi/decrypt")
                    .then()
                    .statusCode(200);
        }
    }

    @Test
    void breakGlassNeedsTheRoleAndAJustificationAndIsFlaggedForReview() {
        String ciphertext = encrypt("patient/21");
        Map<String, String> body = Map.of("ciphertext", ciphertext, "record", "patient/21");
        String readerOnly = TestTokens.builder(TENANT, Roles.PHI_READER)
                .subject("glass-denied")
                .sign();
        given().auth()
                .oauth2(readerOnly)
                .header("X-Purpose-Of-Use", "break-glass")
                .header("X-Break-Glass-Justification", "unconscious patient in the emergency room")
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/api/v1/phi/decrypt")
                .then()
                .statusCode(403)
                .body("detail", containsString("phi-break-glass"));
        String glass = TestTokens.builder(TENANT, Roles.PHI_READER, "phi-break-glass")
                .subject("er-doctor")
                .sign();
        given().auth()
                .oauth2(glass)
                .header("X-Purpose-Of-Use", "break-glass")
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/api/v1/phi/decrypt")
                .then()
                .statusCode(400)
                .body("detail", containsString("X-Break-Glass-Justification"));
        given().auth()
                .oauth2(glass)
                .header("X-Purpose-Of-Use", "break-glass")
                .header("X-Break-Glass-Justification", "unconscious patient in the emergency room")
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/api/v1/phi/decrypt")
                .then()
                .statusCode(200);
        PhiAccessRecord allowed = PhiAccessRecord.<PhiAccessRecord>find("subject = 'er-doctor' and result = 'allowed'")
                .firstResult();
        assertEquals("break-glass", allowed.purpose);
        assertEquals("unconscious patient in the emergency room", allowed.justification);
        assertTrue(allowed.reviewRequired);
        assertEquals(
                1, PhiAccessRecord.count("subject = 'glass-denied' and result = 'denied' and reviewRequired = true"));

        // the same doctor's routine reads are not for review, and the filter must leave them out
        for (int i = 0; i < 2; i++) {
            given().auth()
                    .oauth2(glass)
                    .header("X-Purpose-Of-Use", "treatment")
                    .contentType(ContentType.JSON)
                    .body(body)
                    .when()
                    .post("/api/v1/phi/decrypt")
                    .then()
                    .statusCode(200);
        }
        long flagged = PhiAccessRecord.count("tenant = ?1 and subject = 'er-doctor' and reviewRequired = true", TENANT);
        long routine =
                PhiAccessRecord.count("tenant = ?1 and subject = 'er-doctor' and reviewRequired = false", TENANT);
        assertTrue(flagged >= 2 && routine >= 2, flagged + " flagged, " + routine + " routine");

        // the security officer finds what needs review without knowing who broke the glass
        given().auth()
                .oauth2(TestTokens.token(TENANT, Roles.SECURITY_OFFICER))
                .queryParam("reviewRequired", true)
                .queryParam("user", "er-doctor")
                .when()
                .get("/api/v1/audit")
                .then()
                .statusCode(200)
                .body("total", equalTo((int) flagged))
                .body("items.purpose", everyItem(equalTo("break-glass")))
                .body("items.reviewRequired", everyItem(equalTo(true)))
                .body("items.result", hasItem("allowed"));
        given().auth()
                .oauth2(TestTokens.token(TENANT, Roles.AUDITOR))
                .contentType(ContentType.JSON)
                .body(Map.of("reviewRequired", false, "user", "er-doctor"))
                .when()
                .post("/api/v1/audit/search")
                .then()
                .statusCode(200)
                .body("total", equalTo((int) routine))
                .body("items.purpose", everyItem(equalTo("treatment")))
                .body("items.reviewRequired", everyItem(equalTo(false)));
    }

    @Test
    void rateLimitAnswers429WithRetryAfterAndIsAudited() {
        String token = TestTokens.builder(TENANT, Roles.PHI_ENCRYPTOR)
                .claim("azp", "rate-limited-client")
                .subject("bulk")
                .sign();
        int refused = 0;
        for (int i = 0; i < 6; i++) {
            var response = given().auth()
                    .oauth2(token)
                    .contentType(ContentType.JSON)
                    .body(Map.of("plaintext", "eA=="))
                    .when()
                    .post("/api/v1/phi/encrypt");
            if (response.statusCode() == 429) {
                refused++;
                response.then().header("Retry-After", notNullValue()).contentType("application/problem+json");
            } else {
                response.then().statusCode(200);
            }
        }
        // 3 per minute for this client: at most 3 pass within the few seconds this loop takes.
        assertTrue(refused >= 3, "refused " + refused);
        assertEquals(refused, PhiAccessRecord.count("subject = 'bulk' and reason = 'rate-limited'"));
    }

    @Test
    void forwardedForIsBelievedFromTrustedProxiesOnly() {
        String ciphertext = encrypt("patient/22");
        given().auth()
                .oauth2(TestTokens.builder(TENANT, Roles.PHI_READER)
                        .subject("proxied")
                        .sign())
                .header("X-Purpose-Of-Use", "treatment")
                .header("X-Forwarded-For", "198.51.100.9, 203.0.113.7")
                .contentType(ContentType.JSON)
                .body(Map.of("ciphertext", ciphertext, "record", "patient/22"))
                .when()
                .post("/api/v1/phi/decrypt")
                .then()
                .statusCode(200);
        PhiAccessRecord record =
                PhiAccessRecord.<PhiAccessRecord>find("subject = 'proxied'").firstResult();
        // The test client connects from 127.0.0.1, a trusted proxy in the test profile; the right-most untrusted
        // hop is the client.
        assertEquals("203.0.113.7", record.sourceIp);
    }

    @Test
    void decryptTokenMatrix() {
        TokenMatrix.assertRefusals(
                token -> TokenMatrix.bearer(token)
                        .header("X-Purpose-Of-Use", "treatment")
                        .contentType(ContentType.JSON)
                        .body(Map.of("ciphertext", "cs1:d:phi:1:-:AAAA")),
                "POST",
                "/api/v1/phi/decrypt",
                TENANT,
                Roles.PHI_READER,
                Roles.PHI_ENCRYPTOR);
        TokenMatrix.assertRefusals(
                token -> TokenMatrix.bearer(token)
                        .contentType(ContentType.JSON)
                        .body(Map.of("ciphertext", "cs1:d:phi:1:-:AAAA")),
                "POST",
                "/api/v1/phi/rewrap",
                TENANT,
                Roles.PHI_ENCRYPTOR,
                Roles.PHI_READER);
        given().auth()
                .oauth2(TestTokens.builder(TENANT, Roles.PHI_ENCRYPTOR)
                        .subject("wrong-role")
                        .sign())
                .header("X-Purpose-Of-Use", "treatment")
                .contentType(ContentType.JSON)
                .body(Map.of("ciphertext", "cs1:d:phi:1:-:AAAA"))
                .when()
                .post("/api/v1/phi/decrypt")
                .then()
                .statusCode(403);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (PhiAccessRecord.count("subject = 'wrong-role' and result = 'denied'") == 0
                && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        PhiAccessRecord denied =
                PhiAccessRecord.<PhiAccessRecord>find("subject = 'wrong-role'").firstResult();
        assertEquals("role not allowed", denied.reason);
        assertEquals("treatment", denied.purpose);
        assertTrue(PhiAccessRecord.count("tenant = 'unauthenticated' and action = 'decrypt'") > 0);
    }

    @Test
    void trustedProxiesParsing() {
        TrustedProxies proxies = new TrustedProxies(List.of("10.0.0.0/8", "::1/128"));
        assertEquals("192.0.2.1", proxies.clientAddress("192.0.2.1", "203.0.113.5"));
        assertEquals("203.0.113.5", proxies.clientAddress("10.1.2.3", "203.0.113.5"));
        assertEquals("203.0.113.5", proxies.clientAddress("10.1.2.3", "198.51.100.1, 203.0.113.5, 10.9.9.9"));
        assertEquals("10.1.2.3", proxies.clientAddress("10.1.2.3", "not-an-ip"));
        assertEquals("10.1.2.3", proxies.clientAddress("10.1.2.3", (String) null));
        assertEquals("10.0.0.1", proxies.clientAddress("::1", "10.0.0.1"));
    }

    @Test
    void everyForwardedForLineIsReadInOrderFromTheRight() {
        TrustedProxies proxies = new TrustedProxies(List.of("10.0.0.0/8"));
        // the client forged the first line; the proxy appended the address it saw as a line of its own
        assertEquals("203.0.113.5", proxies.clientAddress("10.1.2.3", List.of("198.51.100.66", "203.0.113.5")));
        assertEquals(
                "203.0.113.5",
                proxies.clientAddress("10.1.2.3", List.of("198.51.100.66, 203.0.113.5", "10.9.9.9", "10.8.8.8")));
        assertEquals("10.1.2.3", proxies.clientAddress("10.1.2.3", List.of()));
    }

    @Test
    void aForgedFirstForwardedForLineIsNotTheSourceIp() {
        String ciphertext = encrypt("patient/23");
        given().auth()
                .oauth2(TestTokens.builder(TENANT, Roles.PHI_READER)
                        .subject("forged-line")
                        .sign())
                .header("X-Purpose-Of-Use", "treatment")
                .header("X-Forwarded-For", "198.51.100.66")
                .header("X-Forwarded-For", "203.0.113.8")
                .contentType(ContentType.JSON)
                .body(Map.of("ciphertext", ciphertext, "record", "patient/23"))
                .when()
                .post("/api/v1/phi/decrypt")
                .then()
                .statusCode(200);
        PhiAccessRecord record =
                PhiAccessRecord.<PhiAccessRecord>find("subject = 'forged-line'").firstResult();
        assertEquals("203.0.113.8", record.sourceIp);
    }

    @Test
    void noTrustedProxiesMeansTheHeaderIsIgnored() {
        TrustedProxies none = new TrustedProxies(List.of());
        assertEquals("127.0.0.1", none.clientAddress("127.0.0.1", "203.0.113.5"));
        assertEquals("127.0.0.1", none.clientAddress("127.0.0.1", "127.0.0.2"));
    }
}
