package org.compliancesuite.evidence;

import static io.restassured.RestAssured.given;
import static org.compliancesuite.evidence.TestData.count;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.compliancesuite.common.chain.HashChain;
import org.junit.jupiter.api.Test;

/** The test profile limits bodies other than uploads to 1 MiB (EVIDENCE_MAX_JSON_SIZE). */
@QuarkusTest
class BodyLimitsTest {

    private static final String TENANT = "acme-body-limits";
    private static final int OVER_LIMIT = 1024 * 1024 + 4096;

    @Inject
    AgroalDataSource db;

    @TestHTTPResource("/")
    URI base;

    @Test
    void aJsonBodyDeclaredTooLargeIsRefusedBeforeItIsRead() throws Exception {
        HttpResponse<String> response =
                send("/api/v1/evidence", "application/json", HttpRequest.BodyPublishers.ofByteArray(largeJson()));
        assertProblem413(response);
        assertEquals(0, count(db, "SELECT count(*) FROM evidence WHERE tenant = ?", TENANT));
    }

    @Test
    void aJsonBodySentWithoutLengthIsCutAtTheLimit() throws Exception {
        byte[] body = largeJson();
        HttpResponse<String> response = send(
                "/api/v1/evidence",
                "application/json",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
        assertProblem413(response);
        assertEquals(0, count(db, "SELECT count(*) FROM evidence WHERE tenant = ?", TENANT));
    }

    @Test
    void aCsvExportSentWithoutLengthIsCutAtTheLimit() throws Exception {
        StringBuilder csv = new StringBuilder("id,mfaEnabled,lastLogin,privileged,passwordMinLength\n");
        for (int i = 0; csv.length() < OVER_LIMIT; i++) {
            csv.append("account-").append(i).append(",true,,false,14\n");
        }
        byte[] body = csv.toString().getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = send(
                "/api/v1/monitors/identity/snapshots",
                "text/csv",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
        assertProblem413(response);
    }

    @Test
    void uploadsStayUnderTheFileLimitOnly() {
        byte[] file = new byte[2 * 1024 * 1024];
        given().auth()
                .oauth2(TestData.manager(TENANT + "-uploads"))
                .multiPart("metadata", "{\"title\":\"large\",\"controlIds\":[\"mfa\"]}", "application/json")
                .multiPart("file", "large.pdf", file, "application/pdf")
                .multiPart("sha256", HashChain.sha256Hex(file))
                .when()
                .post("/api/v1/evidence")
                .then()
                .statusCode(201);
        given().auth()
                .oauth2(TestData.manager(TENANT + "-uploads"))
                .contentType("application/pdf")
                .header("Content-Digest", TestData.contentDigest(HashChain.sha256Hex(file)))
                .queryParam("title", "large raw")
                .queryParam("controlId", "mfa")
                .body(file)
                .when()
                .post("/api/v1/evidence/upload")
                .then()
                .statusCode(201)
                .body("size", equalTo(file.length));
    }

    private static byte[] largeJson() {
        String pad = "a".repeat(OVER_LIMIT);
        return ("{\"title\":\"large\",\"controlIds\":[\"mfa\"],\"record\":{\"pad\":\"" + pad + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private HttpResponse<String> send(String path, String contentType, HttpRequest.BodyPublisher body)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "Bearer " + TestData.manager(TENANT))
                .header("Content-Type", contentType)
                .POST(body)
                .build();
        try (HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    private static void assertProblem413(HttpResponse<String> response) {
        assertEquals(413, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        JsonPath problem = JsonPath.from(response.body());
        assertEquals(413, problem.getInt("status"));
        assertTrue(problem.getString("detail").contains("1048576 bytes"), problem.getString("detail"));
    }
}
