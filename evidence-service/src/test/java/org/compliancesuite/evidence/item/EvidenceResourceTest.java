package org.compliancesuite.evidence.item;

import static io.restassured.RestAssured.given;
import static org.compliancesuite.evidence.TestData.count;
import static org.compliancesuite.evidence.TestData.manager;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.compliancesuite.common.chain.HashChain;
import org.compliancesuite.common.testing.TestTokens;
import org.compliancesuite.common.testing.TokenMatrix;
import org.compliancesuite.evidence.TestData;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EvidenceResourceTest {

    private static final String TENANT = "acme-evidence";

    @Inject
    AgroalDataSource db;

    @Inject
    IdempotencyKeys idempotencyKeys;

    @TestHTTPResource("/")
    URI base;

    @Test
    void storesAJsonRecordWithItsLedgerEntryAndSummary() {
        String id = given().auth()
                .oauth2(TestTokens.builder(TENANT, "compliance-manager")
                        .subject("maria")
                        .sign())
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "title",
                        "Quarterly access review",
                        "controlIds",
                        List.of("access-review"),
                        "requirementRefs",
                        List.of("soc2-2017:CC6.1"),
                        "periodStart",
                        "2026-07-01",
                        "periodEnd",
                        "2026-09-30",
                        "record",
                        Map.of("reviewed", 42, "revoked", 3)))
                .when()
                .post("/api/v1/evidence")
                .then()
                .statusCode(201)
                .body("state", equalTo("submitted"))
                .body("source", equalTo("manual"))
                .body("kind", equalTo("record"))
                .body("mediaType", equalTo("application/json"))
                .body("collectorSubject", equalTo("maria"))
                .body("collectorClient", equalTo("test-client"))
                .body("controlIds", contains("access-review"))
                .body("requirementRefs", contains("soc2-2017:CC6.1"))
                .body(
                        "sha256",
                        equalTo(HashChain.sha256Hex(
                                "{\"reviewed\":42,\"revoked\":3}".getBytes(StandardCharsets.UTF_8))))
                .extract()
                .path("id");

        assertEquals(1, count(db, "SELECT count(*) FROM evidence WHERE id = ?::uuid AND tenant = ?", id, TENANT));
        assertEquals(
                1,
                count(
                        db,
                        "SELECT count(*) FROM ledger_entry WHERE evidence_id = ?::uuid AND event = 'created'"
                                + " AND actor = 'maria'",
                        id));
        assertEquals(
                1,
                count(
                        db,
                        "SELECT pending_count FROM control_summary WHERE tenant = ? AND control_id = 'access-review'",
                        TENANT));
        assertEquals(true, UpstreamAuthorizations.sawBearer());
    }

    @Test
    void anEvidenceCollectorCreatesEvidenceOfSourceApi() {
        given().auth()
                .oauth2(TestTokens.token(TENANT, "evidence-collector"))
                .contentType(ContentType.JSON)
                .body(Map.of("title", "CI scan", "controlIds", List.of("audit-logging"), "record", Map.of("ok", true)))
                .when()
                .post("/api/v1/evidence")
                .then()
                .statusCode(201)
                .body("source", equalTo("api"));
    }

    @Test
    void unknownControlOrRequirementIsRefusedAndNothingIsStored() {
        long before = count(db, "SELECT count(*) FROM evidence WHERE tenant = ?", TENANT);
        given().auth()
                .oauth2(manager(TENANT))
                .contentType(ContentType.JSON)
                .body(Map.of("title", "x", "controlIds", List.of("mfa", "no-such-control"), "record", Map.of()))
                .when()
                .post("/api/v1/evidence")
                .then()
                .statusCode(422)
                .contentType(containsString("application/problem+json"))
                .body("errors.field", hasItem("controlIds[1]"));
        given().auth()
                .oauth2(manager(TENANT))
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "title", "x",
                        "controlIds", List.of("mfa"),
                        "requirementRefs", List.of("pci-dss-4.0.1:99.9"),
                        "record", Map.of()))
                .when()
                .post("/api/v1/evidence")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("requirementRefs[0]"));
        assertEquals(before, count(db, "SELECT count(*) FROM evidence WHERE tenant = ?", TENANT));
    }

    @Test
    void catalogDownAnswers503NamingCatalogService() {
        given().auth()
                .oauth2(manager(TENANT))
                .contentType(ContentType.JSON)
                .body(Map.of("title", "x", "controlIds", List.of("catalog-broken"), "record", Map.of()))
                .when()
                .post("/api/v1/evidence")
                .then()
                .statusCode(503)
                .header("Retry-After", equalTo("30"))
                .body("detail", containsString("catalog-service"));
    }

    @Test
    void multipartUploadNeutralisesTheFileNameAndDownloadsWithItsDigest() {
        byte[] bytes = "firewall rules export\n".getBytes(StandardCharsets.UTF_8);
        String sha = HashChain.sha256Hex(bytes);
        String id = given().auth()
                .oauth2(manager(TENANT))
                .multiPart(
                        "metadata",
                        "{\"title\":\"Firewall export\",\"controlIds\":[\"audit-logging\"]}",
                        "application/json")
                .multiPart("file", "..\\..\\etc/fire\twall.txt", bytes, "text/plain")
                .multiPart("sha256", sha)
                .when()
                .post("/api/v1/evidence")
                .then()
                .statusCode(201)
                .body("fileName", equalTo("fire_wall.txt"))
                .body("size", equalTo(bytes.length))
                .body("sha256", equalTo(sha))
                .extract()
                .path("id");

        byte[] downloaded = given().auth()
                .oauth2(TestData.auditor(TENANT))
                .when()
                .get("/api/v1/evidence/" + id + "/content")
                .then()
                .statusCode(200)
                .header("Content-Digest", equalTo(TestData.contentDigest(sha)))
                .header("Content-Disposition", equalTo("attachment; filename=\"fire_wall.txt\""))
                .contentType(containsString("text/plain"))
                .extract()
                .asByteArray();
        assertArrayEquals(bytes, downloaded);
    }

    @Test
    void aNameBeyondAsciiLosesItsBidiOverrideAndDownloadsWithAnRfc5987Name() {
        byte[] bytes = "relatório\n".getBytes(StandardCharsets.UTF_8);
        String id = given().auth()
                .oauth2(manager(TENANT))
                .contentType("text/plain")
                .header("Content-Digest", TestData.contentDigest(HashChain.sha256Hex(bytes)))
                .queryParam("title", "Relatório")
                .queryParam("controlId", "mfa")
                .queryParam("fileName", "relatório\u202Etxt.exe")
                .body(bytes)
                .when()
                .post("/api/v1/evidence/upload")
                .then()
                .statusCode(201)
                .body("fileName", equalTo("relatório_txt.exe"))
                .extract()
                .path("id");
        given().auth()
                .oauth2(TestData.auditor(TENANT))
                .when()
                .get("/api/v1/evidence/" + id + "/content")
                .then()
                .statusCode(200)
                .header(
                        "Content-Disposition",
                        equalTo("attachment; filename=\"relat_rio_txt.exe\"; filename*=UTF-8''relat%C3%B3rio_txt.exe"));
    }

    @Test
    void aFiftyMegabyteRawUploadIsStreamedAndHashed() throws Exception {
        long size = 50L * 1024 * 1024;
        String sha = TestData.sha256(TestData.generated(size, 7));
        HttpResponse<String> response = rawUpload(size, 7, "application/zip", TestData.contentDigest(sha), "big.zip");
        assertEquals(201, response.statusCode(), response.body());

        List<List<Object>> stored = TestData.rows(
                db, "SELECT size, sha256, content_id FROM evidence WHERE tenant = ? AND file_name = 'big.zip'", TENANT);
        assertEquals(size, ((Number) stored.getFirst().get(0)).longValue());
        assertEquals(sha, stored.getFirst().get(1));
        assertEquals(
                size,
                count(
                        db,
                        "SELECT sum(length(data)) FROM content_chunk WHERE content_id = ?",
                        stored.getFirst().get(2)));
        assertEquals(
                50,
                count(
                        db,
                        "SELECT count(*) FROM content_chunk WHERE content_id = ?",
                        stored.getFirst().get(2)));
    }

    @Test
    void aDownloadWhoseStoredContentLostAChunkIsAbortedNotCutShort() throws Exception {
        String tenant = "acme-cut";
        long size = 3L * 1024 * 1024 + 17;
        String sha = TestData.sha256(TestData.generated(size, 11));
        HttpResponse<String> created =
                rawUpload(tenant, size, 11, "application/zip", TestData.contentDigest(sha), "cut.zip");
        assertEquals(201, created.statusCode(), created.body());
        String id = TestData.rows(
                        db, "SELECT id::text FROM evidence WHERE tenant = ? AND file_name = 'cut.zip'", tenant)
                .getFirst()
                .getFirst()
                .toString();
        TestData.update(
                db,
                "DELETE FROM content_chunk WHERE chunk_no = 1 AND content_id = (SELECT content_id FROM evidence"
                        + " WHERE id = ?::uuid)",
                id);

        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/evidence/" + id + "/content"))
                .header("Authorization", "Bearer " + TestData.auditor(tenant))
                .build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            IOException failed = assertThrows(
                    IOException.class, () -> client.send(request, HttpResponse.BodyHandlers.ofByteArray()));
            assertNotNull(failed);
        }
        String log = Files.readString(Path.of("target/evidence-test.log"));
        assertTrue(log.contains("ERROR") && log.contains("download of evidence " + id + " aborted"), "logged at ERROR");
        TestData.verifyLedger(tenant)
                .statusCode(200)
                .body("valid", equalTo(false))
                .body("firstBroken.evidenceId", equalTo(id))
                .body("firstBroken.reason", containsString("incomplete"));
    }

    @Test
    void aMismatchedOrMissingDigestAnswers400AndStoresNothing() throws Exception {
        long evidence = count(db, "SELECT count(*) FROM evidence");
        long chunks = count(db, "SELECT count(*) FROM content_chunk");
        long entries = count(db, "SELECT count(*) FROM ledger_entry");

        HttpResponse<String> wrong = rawUpload(
                3 * 1024 * 1024,
                1,
                "application/pdf",
                TestData.contentDigest(HashChain.sha256Hex(new byte[1])),
                "a.pdf");
        assertEquals(400, wrong.statusCode());
        assertEquals(true, wrong.body().contains("digest does not match"));
        HttpResponse<String> missing = rawUpload(1024, 1, "application/pdf", null, "a.pdf");
        assertEquals(400, missing.statusCode());

        assertEquals(evidence, count(db, "SELECT count(*) FROM evidence"));
        assertEquals(chunks, count(db, "SELECT count(*) FROM content_chunk"));
        assertEquals(entries, count(db, "SELECT count(*) FROM ledger_entry"));
    }

    @Test
    void tooLargeAnswers413AndStoresNothing() throws Exception {
        long chunks = count(db, "SELECT count(*) FROM content_chunk");
        long size = 52L * 1024 * 1024 + 1;
        HttpResponse<String> response = rawUpload(
                size, 3, "application/zip", TestData.contentDigest(HashChain.sha256Hex(new byte[1])), "huge.zip");
        assertEquals(413, response.statusCode());
        assertEquals(chunks, count(db, "SELECT count(*) FROM content_chunk"));
        assertEquals(0, count(db, "SELECT count(*) FROM evidence WHERE file_name = 'huge.zip'"));
    }

    @Test
    void anUnacceptedMediaTypeAnswers415() {
        given().auth()
                .oauth2(manager(TENANT))
                .contentType("text/html")
                .header("Content-Digest", TestData.contentDigest(HashChain.sha256Hex(new byte[] {1})))
                .queryParam("title", "page")
                .queryParam("controlId", "mfa")
                .body(new byte[] {1})
                .when()
                .post("/api/v1/evidence/upload")
                .then()
                .statusCode(415)
                .contentType(containsString("application/problem+json"));
    }

    @Test
    void everySmallRefusedUploadGetsItsAnswer() {
        // A refused upload's connection is closed; closed while the small body still sat unread, it was reset and the
        // client sometimes lost the 401 (CI saw "the target server failed to respond"). The rest is drained first.
        byte[] file = "small".getBytes();
        for (int i = 0; i < 300; i++) {
            given().multiPart("metadata", "{\"title\":\"s\",\"controlIds\":[\"mfa\"]}", "application/json")
                    .multiPart("file", "s.txt", file, "text/plain")
                    .when()
                    .post("/api/v1/evidence")
                    .then()
                    .statusCode(401)
                    .header("Connection", "close");
        }
    }

    @Test
    void anUploadRefusedBeforeItsBodyIsReadClosesTheConnection() throws Exception {
        // Kept open, the rest of a large refused body would pile up unread in the service's memory (a 1 GiB upload
        // with a refused media type ran the service out of heap).
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        byte[] body = new byte[8 * 1024 * 1024];
        for (String token : new String[] {manager(TENANT), null}) {
            HttpRequest.Builder request = HttpRequest.newBuilder(
                            base.resolve("/api/v1/evidence/upload?title=big&controlId=mfa&fileName=big.bin"))
                    .header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> refused;
            try {
                refused = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException closedWhileSending) {
                continue; // the server answered and closed before the client finished sending: also the point
            }
            assertEquals(token == null ? 401 : 415, refused.statusCode());
            assertEquals("close", refused.headers().firstValue("connection").orElse(""), "connection closed");
        }
        // an accepted JSON request keeps its connection
        HttpResponse<String> kept = client.send(
                HttpRequest.newBuilder(base.resolve("/q/health/live")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, kept.statusCode());
        assertTrue(kept.headers().firstValue("connection").isEmpty());
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyReturnsTheFirstResult() throws Exception {
        String first = idempotentCreate("key-1").path("id");
        var replay = idempotentCreate("key-1");
        assertEquals(first, replay.path("id"));
        assertEquals("true", replay.header("Idempotent-Replayed"));
        assertEquals(1, count(db, "SELECT count(*) FROM evidence WHERE tenant = ? AND title = 'idem key-1'", TENANT));

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> idempotentCreate("key-parallel").path("id"));
            }
            Set<String> ids = new HashSet<>();
            for (Future<String> f : pool.invokeAll(calls)) {
                ids.add(f.get());
            }
            assertEquals(1, ids.size());
        } finally {
            pool.shutdown();
        }
        assertEquals(
                1, count(db, "SELECT count(*) FROM evidence WHERE tenant = ? AND title = 'idem key-parallel'", TENANT));
    }

    @Test
    void aKeyReusedForAnotherRequestAnswers422AndStoresNothing() throws Exception {
        idempotentCreate("key-reused");
        long evidence = count(db, "SELECT count(*) FROM evidence WHERE tenant = ?", TENANT);

        given().auth()
                .oauth2(manager(TENANT))
                .header("Idempotency-Key", "key-reused")
                .contentType(ContentType.JSON)
                .body(Map.of("title", "another request", "controlIds", List.of("mfa"), "record", Map.of("k", 2)))
                .when()
                .post("/api/v1/evidence")
                .then()
                .statusCode(422)
                .contentType(containsString("application/problem+json"))
                .body("detail", equalTo("Idempotency-Key reused with a different request"));
        assertEquals(evidence, count(db, "SELECT count(*) FROM evidence WHERE tenant = ?", TENANT));

        // an upload is bound to the digest it announced: the same key and metadata with other bytes is another request
        String digest = TestData.contentDigest(TestData.sha256(TestData.generated(1000, 5)));
        HttpResponse<String> first = rawUpload(1000, 5, "application/pdf", digest, "idem.pdf", "key-upload");
        HttpResponse<String> retry = rawUpload(1000, 5, "application/pdf", digest, "idem.pdf", "key-upload");
        HttpResponse<String> other = rawUpload(
                1000,
                6,
                "application/pdf",
                TestData.contentDigest(TestData.sha256(TestData.generated(1000, 6))),
                "idem.pdf",
                "key-upload");
        assertEquals(201, first.statusCode(), first.body());
        assertEquals(201, retry.statusCode(), retry.body());
        assertEquals("true", retry.headers().firstValue("Idempotent-Replayed").orElseThrow());
        assertEquals(422, other.statusCode(), other.body());
        assertEquals(1, count(db, "SELECT count(*) FROM evidence WHERE tenant = ? AND file_name = 'idem.pdf'", TENANT));
    }

    @Test
    void expiredKeysAreTakenOverAndPurged() {
        String first = idempotentCreate("key-expiring").path("id");
        TestData.update(
                db,
                "UPDATE idempotency_key SET created_at = now() - interval '25 hours' WHERE tenant = ?"
                        + " AND idempotency_key = 'key-expiring'",
                TENANT);
        // past EVIDENCE_IDEMPOTENCY_TTL the key no longer answers: the request creates new evidence
        var again = idempotentCreate("key-expiring");
        assertEquals("false", again.header("Idempotent-Replayed"));
        assertNotEquals(first, again.path("id"));

        idempotentCreate("key-old");
        TestData.update(
                db,
                "UPDATE idempotency_key SET created_at = now() - interval '25 hours' WHERE tenant = ?"
                        + " AND idempotency_key = 'key-old'",
                TENANT);
        assertTrue(idempotencyKeys.purge() >= 1);
        assertEquals(
                0,
                count(
                        db,
                        "SELECT count(*) FROM idempotency_key WHERE tenant = ? AND idempotency_key = 'key-old'",
                        TENANT));
        assertEquals(
                1,
                count(
                        db,
                        "SELECT count(*) FROM idempotency_key WHERE tenant = ? AND idempotency_key = 'key-expiring'",
                        TENANT));
    }

    @Test
    void listsWithFiltersAndPaging() {
        String tenant = "acme-list";
        String a = TestData.record(tenant, "A", List.of("mfa"), "2026-01-10T00:00:00Z");
        TestData.record(tenant, "B", List.of("tls"), "2026-02-10T00:00:00Z");
        String c = TestData.record(tenant, "C", List.of("mfa", "tls"), "2026-03-10T00:00:00Z");
        TestData.review(tenant, a, "accepted");

        given().auth()
                .oauth2(TestData.auditor(tenant))
                .queryParam("control", "mfa")
                .when()
                .get("/api/v1/evidence")
                .then()
                .statusCode(200)
                .body("total", equalTo(2))
                .body("items.id", contains(c, a))
                .body("items[0].controlIds", contains("mfa", "tls"))
                .body("items[0].requirementRefs", hasSize(0));
        given().auth()
                .oauth2(TestData.auditor(tenant))
                .queryParam("state", "accepted")
                .when()
                .get("/api/v1/evidence")
                .then()
                .body("items.id", contains(a));
        given().auth()
                .oauth2(TestData.auditor(tenant))
                .queryParam("from", "2026-02-01T00:00:00Z")
                .queryParam("to", "2026-03-01T00:00:00Z")
                .queryParam("source", "manual")
                .when()
                .get("/api/v1/evidence")
                .then()
                .body("items.title", contains("B"));
        given().auth()
                .oauth2(TestData.auditor(tenant))
                .queryParam("size", 1)
                .queryParam("page", 1)
                .when()
                .get("/api/v1/evidence")
                .then()
                .body("total", equalTo(3))
                .body("page", equalTo(1))
                .body("size", equalTo(1))
                .body("items.title", contains("B"));
        given().auth()
                .oauth2(TestData.auditor(tenant))
                .queryParam("state", "approved")
                .when()
                .get("/api/v1/evidence")
                .then()
                .statusCode(422)
                .body("errors.field", contains("state"));
    }

    @Test
    void reviewAcceptsOnceAndRejectionNeedsAReason() {
        String id = TestData.record(TENANT, "to review", List.of("encryption-at-rest"), null);
        given().auth()
                .oauth2(TestData.auditor(TENANT))
                .contentType(ContentType.JSON)
                .body(Map.of("decision", "rejected"))
                .when()
                .post("/api/v1/evidence/" + id + "/review")
                .then()
                .statusCode(422);
        given().auth()
                .oauth2(TestTokens.token(TENANT, "evidence-collector"))
                .contentType(ContentType.JSON)
                .body(Map.of("decision", "accepted"))
                .when()
                .post("/api/v1/evidence/" + id + "/review")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(TestTokens.builder(TENANT, "auditor").subject("aud-1").sign())
                .contentType(ContentType.JSON)
                .body(Map.of("decision", "accepted"))
                .when()
                .post("/api/v1/evidence/" + id + "/review")
                .then()
                .statusCode(200)
                .body("state", equalTo("accepted"))
                .body("reviewedBy", equalTo("aud-1"))
                .body("rejectionReason", nullValue());
        given().auth()
                .oauth2(TestData.auditor(TENANT))
                .contentType(ContentType.JSON)
                .body(Map.of("decision", "rejected", "reason", "late"))
                .when()
                .post("/api/v1/evidence/" + id + "/review")
                .then()
                .statusCode(409);
        assertEquals(
                1,
                count(
                        db,
                        "SELECT count(*) FROM ledger_entry WHERE evidence_id = ?::uuid AND event = 'reviewed'"
                                + " AND actor = 'aud-1'",
                        id));
    }

    @Test
    void relinkingMovesSummaryCountsAndIsChained() {
        String tenant = "acme-relink";
        String id = TestData.record(tenant, "relink", List.of("mfa"), null);
        TestData.review(tenant, id, "accepted");
        given().auth()
                .oauth2(manager(tenant))
                .contentType(ContentType.JSON)
                .body(Map.of("controlIds", List.of("tls"), "requirementRefs", List.of("pci-dss-4.0.1:8.4.2")))
                .when()
                .put("/api/v1/evidence/" + id + "/links")
                .then()
                .statusCode(200)
                .body("controlIds", contains("tls"))
                .body("requirementRefs", contains("pci-dss-4.0.1:8.4.2"));

        List<List<Object>> mfa = TestData.rows(
                db,
                "SELECT accepted_count, latest_accepted_evidence_id FROM control_summary WHERE tenant = ?"
                        + " AND control_id = 'mfa'",
                tenant);
        assertEquals(0L, ((Number) mfa.getFirst().get(0)).longValue());
        assertEquals(null, mfa.getFirst().get(1));
        assertEquals(
                id,
                TestData.rows(
                                db,
                                "SELECT latest_accepted_evidence_id::text FROM control_summary WHERE tenant = ?"
                                        + " AND control_id = 'tls'",
                                tenant)
                        .getFirst()
                        .getFirst());
        assertEquals(
                1,
                count(
                        db,
                        "SELECT count(*) FROM ledger_entry WHERE evidence_id = ?::uuid AND event = 'links-changed'",
                        id));
    }

    @Test
    void anotherTenantsEvidenceIsNotFound() {
        String id = TestData.record(TENANT, "private", List.of("mfa"), null);
        String other = TestData.auditor("globex");
        given().auth().oauth2(other).when().get("/api/v1/evidence/" + id).then().statusCode(404);
        given().auth()
                .oauth2(other)
                .when()
                .get("/api/v1/evidence/" + id + "/content")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(other)
                .contentType(ContentType.JSON)
                .body(Map.of("decision", "accepted"))
                .when()
                .post("/api/v1/evidence/" + id + "/review")
                .then()
                .statusCode(404)
                .contentType(containsString("application/problem+json"));
        given().auth()
                .oauth2(other)
                .when()
                .get("/api/v1/evidence")
                .then()
                .statusCode(200)
                .body("items.id", not(hasItem(id)));
    }

    @Test
    void refusesBadTokens() {
        TokenMatrix.assertRefusals(
                token -> TokenMatrix.bearer(token)
                        .contentType(ContentType.JSON)
                        .body(Map.of("title", "x", "controlIds", List.of("mfa"), "record", Map.of())),
                "POST",
                "/api/v1/evidence",
                TENANT,
                "evidence-collector",
                "auditor");
        TokenMatrix.assertRefusals(TokenMatrix::bearer, "GET", "/api/v1/evidence", TENANT, "auditor", "phi-reader");
        TokenMatrix.assertRefusals(
                TokenMatrix::bearer,
                "GET",
                "/api/v1/evidence/00000000-0000-0000-0000-000000000000/content",
                TENANT,
                "auditor",
                "evidence-collector");
    }

    private Response idempotentCreate(String key) {
        return given().auth()
                .oauth2(manager(TENANT))
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(Map.of("title", "idem " + key, "controlIds", List.of("mfa"), "record", Map.of("k", key)))
                .when()
                .post("/api/v1/evidence")
                .then()
                .statusCode(201)
                .extract()
                .response();
    }

    /** Streams generated bytes as the request body, so the test itself never holds the file either. */
    private HttpResponse<String> rawUpload(long size, long seed, String mediaType, String digest, String fileName)
            throws Exception {
        return rawUpload(TENANT, size, seed, mediaType, digest, fileName);
    }

    private HttpResponse<String> rawUpload(
            long size, long seed, String mediaType, String digest, String fileName, String idempotencyKey)
            throws Exception {
        return rawUpload(TENANT, size, seed, mediaType, digest, fileName, idempotencyKey);
    }

    private HttpResponse<String> rawUpload(
            String tenant, long size, long seed, String mediaType, String digest, String fileName) throws Exception {
        return rawUpload(tenant, size, seed, mediaType, digest, fileName, null);
    }

    private HttpResponse<String> rawUpload(
            String tenant,
            long size,
            long seed,
            String mediaType,
            String digest,
            String fileName,
            String idempotencyKey)
            throws Exception {
        String query = "title=" + URLEncoder.encode("raw " + fileName, StandardCharsets.UTF_8)
                + "&controlId=audit-logging&fileName=" + fileName;
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/api/v1/evidence/upload?" + query))
                .header("Authorization", "Bearer " + manager(tenant))
                .header("Content-Type", mediaType)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> TestData.generated(size, seed)));
        if (digest != null) {
            request.header("Content-Digest", digest);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
