package org.compliancesuite.vault.signature;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.compliancesuite.common.security.Roles;
import org.compliancesuite.common.testing.TestTokens;
import org.compliancesuite.common.testing.TokenMatrix;
import org.compliancesuite.vault.audit.PhiAccessRecord;
import org.compliancesuite.vault.testing.CheckpointStatements;
import org.compliancesuite.vault.testing.TransitTestResource;
import org.compliancesuite.vault.testing.TransitTestServer;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CheckpointWitnessTest {

    private static final String PATH = "/api/v1/signatures/checkpoints";

    @Inject
    EntityManager em;

    private static String head(char c) {
        return String.valueOf(c).repeat(64);
    }

    private static Response sign(String tenant, String subject, long sequence, String head, String signedAt) {
        String statement = CheckpointStatements.statement(tenant, sequence, head, signedAt);
        return given().auth()
                .oauth2(TestTokens.builder(tenant, Roles.EVIDENCE_COLLECTOR)
                        .subject(subject)
                        .sign())
                .contentType(ContentType.JSON)
                .body(Map.of("input", Base64.getEncoder().encodeToString(statement.getBytes(StandardCharsets.UTF_8))))
                .when()
                .post("/api/v1/signatures");
    }

    private static Response list(String tenant, String role, String query) {
        return given().auth()
                .oauth2(TestTokens.builder(tenant, role).subject("reader").sign())
                .when()
                .get(PATH + query);
    }

    private long witnessRows(String tenant) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number)
                                em.createNativeQuery("SELECT count(*) FROM witnessed_checkpoint WHERE tenant = ?1")
                                        .setParameter(1, tenant)
                                        .getSingleResult())
                        .longValue());
    }

    @Test
    void signedCheckpointsAreListedInSequenceOrder() {
        String tenant = "witness-list";
        Instant before = Instant.now().minusSeconds(1);
        assertEquals(
                200,
                sign(tenant, "collector", 5, head('b'), "2026-12-03T10:16:00Z").statusCode());
        assertEquals(
                200,
                sign(tenant, "collector", 2, head('a'), "2026-12-03T10:15:30.123456Z")
                        .statusCode());
        assertEquals(
                200,
                sign(tenant, "scheduler", 9, head('c'), "2026-12-03T10:17:00.5Z")
                        .statusCode());

        Response answer = list(tenant, Roles.AUDITOR, "");
        answer.then()
                .statusCode(200)
                .body("page", equalTo(0))
                .body("size", equalTo(50))
                .body("total", equalTo(3))
                .body("items.sequence", contains(2, 5, 9))
                .body("items.headHash", contains(head('a'), head('b'), head('c')))
                // signedAt exactly as it was signed, not as a timestamp column would normalise it
                .body(
                        "items.signedAt",
                        contains("2026-12-03T10:15:30.123456Z", "2026-12-03T10:16:00Z", "2026-12-03T10:17:00.5Z"))
                .body("items.keyVersion", contains(1, 1, 1))
                .body("items.signedBy", contains("collector", "collector", "scheduler"));
        for (String recordedAt : answer.jsonPath().<String>getList("items.recordedAt")) {
            Instant at = Instant.parse(recordedAt);
            assertTrue(!at.isBefore(before) && !at.isAfter(Instant.now()), recordedAt);
        }
        assertEquals(
                1,
                PhiAccessRecord.count(
                        "tenant = ?1 and action = 'checkpoint-witness-read' and subject = 'reader'"
                                + " and result = 'allowed' and keyName = 'evidence-checkpoint'",
                        tenant),
                "the read is in the access audit log");
    }

    @Test
    void pagesAndFromSequenceSelectTheRange() {
        String tenant = "witness-pages";
        for (long sequence = 1; sequence <= 5; sequence++) {
            assertEquals(
                    200,
                    sign(tenant, "collector", sequence * 10, head('d'), "2026-12-03T10:15:30Z")
                            .statusCode());
        }
        list(tenant, Roles.GRC_ADMIN, "?page=1&size=2")
                .then()
                .statusCode(200)
                .body("items.sequence", contains(30, 40))
                .body("page", equalTo(1))
                .body("size", equalTo(2))
                .body("total", equalTo(5));
        list(tenant, Roles.GRC_ADMIN, "?fromSequence=31&size=2")
                .then()
                .statusCode(200)
                .body("items.sequence", contains(40, 50))
                .body("total", equalTo(2));
        list(tenant, Roles.GRC_ADMIN, "?fromSequence=50")
                .then()
                .statusCode(200)
                .body("items.sequence", contains(50))
                .body("total", equalTo(1));
        list(tenant, Roles.GRC_ADMIN, "?page=3&size=2")
                .then()
                .statusCode(200)
                .body("items", empty())
                .body("total", equalTo(5));
        for (String bad : List.of("?fromSequence=0", "?page=-1", "?size=0", "?size=501")) {
            list(tenant, Roles.GRC_ADMIN, bad).then().statusCode(422).contentType("application/problem+json");
        }
    }

    @Test
    void anotherTenantSeesNoneOfThem() {
        assertEquals(
                200,
                sign("witness-owner", "collector", 3, head('e'), "2026-12-03T10:15:30Z")
                        .statusCode());
        list("witness-owner", Roles.AUDITOR, "").then().statusCode(200).body("total", equalTo(1));
        list("witness-stranger", Roles.AUDITOR, "")
                .then()
                .statusCode(200)
                .body("items", empty())
                .body("total", equalTo(0));
        // and another tenant's witness does not stand in the way of its own sequence 3
        assertEquals(
                200,
                sign("witness-stranger", "collector", 3, head('f'), "2026-12-03T10:15:30Z")
                        .statusCode());
    }

    @Test
    void aSequenceSignedWithAnotherHeadIsRefusedAndAudited() {
        String tenant = "witness-conflict";
        assertEquals(
                200,
                sign(tenant, "collector", 7, head('a'), "2026-12-03T10:15:30Z").statusCode());

        sign(tenant, "rewriter", 7, head('b'), "2026-12-03T11:00:00Z")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("status", equalTo(409))
                .body("detail", containsString("sequence 7"));

        list(tenant, Roles.AUDITOR, "")
                .then()
                .body("total", equalTo(1))
                .body("items[0].headHash", equalTo(head('a')))
                .body("items[0].signedBy", equalTo("collector"));
        assertEquals(
                1,
                PhiAccessRecord.count(
                        "tenant = ?1 and action = 'sign' and subject = 'rewriter' and result = 'rejected'"
                                + " and reason = 'sequence-already-signed-with-another-head'",
                        tenant));
        assertEquals(
                0,
                PhiAccessRecord.count(
                        "tenant = ?1 and action = 'sign' and subject = 'rewriter' and result = 'allowed'", tenant));
    }

    @Test
    void theSameHeadAgainIsARetryThatRecordsNothingNew() {
        String tenant = "witness-retry";
        Response first = sign(tenant, "collector", 4, head('c'), "2026-12-03T10:15:30Z");
        assertEquals(200, first.statusCode());
        // a retried checkpoint: same sequence and head, signed a little later
        Response again = sign(tenant, "retrier", 4, head('c'), "2026-12-03T10:15:31Z");
        assertEquals(200, again.statusCode());

        assertEquals(1, witnessRows(tenant));
        list(tenant, Roles.AUDITOR, "")
                .then()
                .body("items.signedAt", contains("2026-12-03T10:15:30Z"))
                .body("items.signedBy", contains("collector"));
    }

    @Test
    void concurrentSignersOfOneSequenceLeaveOneHead() throws Exception {
        String tenant = "witness-concurrent";
        // the key exists and its first signature is done, so that the requests below race on the witness only
        assertEquals(
                200,
                sign(tenant, "collector", 1, head('0'), "2026-12-03T10:15:30Z").statusCode());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                // four heads, each asked for twice
                char c = "abcd".charAt(i % 4);
                calls.add(() -> sign(tenant, "racer", 2, head(c), "2026-12-03T10:15:30Z")
                        .statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> status : pool.invokeAll(calls)) {
                statuses.add(status.get(60, TimeUnit.SECONDS));
            }
            assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 409), statuses.toString());
            String witnessed = list(tenant, Roles.AUDITOR, "?fromSequence=2")
                    .then()
                    .body("total", equalTo(1))
                    .extract()
                    .path("items[0].headHash");
            // every request for the witnessed head was signed, every request for another one refused
            int signedHead = "abcd".indexOf(witnessed.charAt(0));
            for (int i = 0; i < statuses.size(); i++) {
                assertEquals(i % 4 == signedHead ? 200 : 409, statuses.get(i), "request " + i + ": " + statuses);
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(2, witnessRows(tenant));
    }

    @Test
    void aRequestThatLosesTheRaceAfterSigningNeverHandsOutItsSignature() throws Exception {
        String tenant = "witness-race";
        assertEquals(
                200,
                sign(tenant, "collector", 1, head('0'), "2026-12-03T10:15:30Z").statusCode());
        TransitTestServer server = TransitTestResource.server();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        TransitTestServer.Hold held = server.hold("sign");
        try {
            // the first request passed the witness check and waits inside Transit's sign ...
            Future<Response> slow = pool.submit(() -> sign(tenant, "slow", 2, head('a'), "2026-12-03T10:15:30Z"));
            assertTrue(held.awaitArrival(Duration.ofSeconds(10)), "the first signature reached Transit");
            // ... while a second one signs another head at the same sequence and is witnessed first
            assertEquals(
                    200,
                    sign(tenant, "fast", 2, head('b'), "2026-12-03T10:15:30Z").statusCode());
            held.release();
            Response lost = slow.get(30, TimeUnit.SECONDS);
            assertEquals(409, lost.statusCode());
            assertNull(lost.jsonPath().<String>get("signature"));
        } finally {
            held.release();
            pool.shutdown();
        }
        list(tenant, Roles.AUDITOR, "?fromSequence=2")
                .then()
                .body("items.headHash", contains(head('b')))
                .body("items.signedBy", contains("fast"));
        assertEquals(
                1,
                PhiAccessRecord.count(
                        "tenant = ?1 and subject = 'slow' and result = 'rejected'"
                                + " and reason = 'sequence-already-signed-with-another-head'",
                        tenant));
    }

    @Test
    void theWitnessIsAppendOnly() {
        String tenant = "witness-append-only";
        assertEquals(
                200,
                sign(tenant, "collector", 1, head('a'), "2026-12-03T10:15:30Z").statusCode());
        for (String change : List.of(
                "UPDATE witnessed_checkpoint SET head_hash = repeat('b', 64) WHERE tenant = '" + tenant + "'",
                "DELETE FROM witnessed_checkpoint WHERE tenant = '" + tenant + "'",
                "TRUNCATE witnessed_checkpoint")) {
            RuntimeException refused = assertThrows(
                    RuntimeException.class,
                    () -> QuarkusTransaction.requiringNew()
                            .run(() -> em.createNativeQuery(change).executeUpdate()),
                    change);
            assertTrue(rootMessage(refused).contains("witnessed_checkpoint is append-only"), rootMessage(refused));
        }
        list(tenant, Roles.AUDITOR, "").then().body("items.headHash", contains(head('a')));
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    @Test
    void everyRoleThatCreatesOrVerifiesCheckpointsMayRead() {
        for (String role : List.of(
                Roles.GRC_ADMIN,
                Roles.COMPLIANCE_MANAGER,
                Roles.AUDITOR,
                Roles.SECURITY_OFFICER,
                Roles.EVIDENCE_COLLECTOR)) {
            list("witness-roles", role, "").then().statusCode(200);
        }
        for (String role : List.of(Roles.PHI_READER, Roles.PHI_ENCRYPTOR)) {
            list("witness-roles", role, "").then().statusCode(403);
        }
    }

    @Test
    void tokenMatrix() {
        TokenMatrix.assertRefusals(TokenMatrix::bearer, "GET", PATH, "witness-matrix", Roles.AUDITOR, Roles.PHI_READER);
        // the filter queues refusals without waiting for their commit
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (deniedReads() == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(1, deniedReads(), "the wrong role's read is audited under its own action");
    }

    private static long deniedReads() {
        return PhiAccessRecord.count("tenant = 'witness-matrix' and action = 'checkpoint-witness-read'"
                + " and result = 'denied' and reason = 'role not allowed'");
    }
}
