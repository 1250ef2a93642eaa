package org.compliancesuite.system;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** The calls the journeys and fault tests make again and again, over HTTP only. */
final class Api {

    private Api() {}

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static String unb64(String text) {
        return new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
    }

    static Response createEvidenceRecord(String base, String token, String title, List<String> controls) {
        return as(token)
                .body(Map.of("title", title, "controlIds", controls, "record", Map.of("observed", title)))
                .post(base + "/api/v1/evidence");
    }

    static Response encrypt(String base, String token, String plaintext, String dataSubject) {
        return as(token)
                .body(Map.of("plaintext", b64(plaintext), "dataSubject", dataSubject))
                .post(base + "/api/v1/phi/encrypt");
    }

    static Response decrypt(String base, String token, String ciphertext, String purpose) {
        return as(token)
                .header("X-Purpose-Of-Use", purpose)
                .body(Map.of("ciphertext", ciphertext))
                .post(base + "/api/v1/phi/decrypt");
    }

    /** The tenant's evidence ledger verification ({@code valid}, {@code entriesChecked}, {@code firstBroken}). */
    static Response verifyLedger(String base, String token) {
        return as(token).get(base + "/api/v1/ledger/verify");
    }

    static Response verifyAudit(String base, String token) {
        return as(token).get(base + "/api/v1/audit/verify");
    }

    static Response auditByDataSubject(String base, String token, String dataSubject) {
        return as(token).body(Map.of("dataSubject", dataSubject, "size", 500)).post(base + "/api/v1/audit/search");
    }
}
