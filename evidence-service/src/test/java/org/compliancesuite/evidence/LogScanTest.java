package org.compliancesuite.evidence;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.compliancesuite.common.chain.HashChain;
import org.compliancesuite.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LogScanTest {

    @Test
    void contentsAccountsAndTokensNeverReachTheLog() throws Exception {
        String tenant = "acme-logs";
        String token = TestTokens.token(tenant, "compliance-manager", "security-officer");
        String recordSecret = "record-secret-7f3a91";
        String fileSecret = "file-secret-c02d55";
        String account = "account-secret-5e8b20";

        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("title", "logs", "controlIds", List.of("mfa"), "record", Map.of("v", recordSecret)))
                .when()
                .post("/api/v1/evidence")
                .then()
                .statusCode(201);
        byte[] file = fileSecret.getBytes(StandardCharsets.UTF_8);
        given().auth()
                .oauth2(token)
                .multiPart("metadata", "{\"title\":\"f\",\"controlIds\":[\"mfa\"]}", "application/json")
                .multiPart("file", "f.txt", file, "text/plain")
                .multiPart("sha256", HashChain.sha256Hex(file))
                .when()
                .post("/api/v1/evidence")
                .then()
                .statusCode(201);
        given().auth()
                .oauth2(token)
                .contentType("text/csv")
                .body("id,mfaEnabled,lastLogin,privileged,passwordMinLength\n" + account + ",false,,true,8\n")
                .when()
                .post("/api/v1/monitors/identity/snapshots")
                .then()
                .statusCode(201);

        String log = Files.readString(Path.of("target/evidence-test.log"));
        assertTrue(log.contains("monitor identity of tenant acme-logs failed"), "the run itself is logged");
        assertFalse(log.contains(recordSecret));
        assertFalse(log.contains(fileSecret));
        assertFalse(log.contains(account));
        assertFalse(log.contains(token));
    }
}
