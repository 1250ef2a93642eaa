package org.compliancesuite.vault.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.compliancesuite.common.security.Roles;
import org.compliancesuite.common.testing.TestTokens;
import org.compliancesuite.common.testing.TokenMatrix;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuditLogTest {

    @Inject
    EntityManager em;

    private static int encrypt(String tenant, String subject, String dataSubject) {
        return given().auth()
                .oauth2(TestTokens.builder(tenant, Roles.PHI_ENCRYPTOR)
                        .subject(subject)
                        .sign())
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "plaintext",
                        Base64.getEncoder().encodeToString("v".getBytes()),
                        "record",
                        "patient/1",
                        "dataSubject",
                        dataSubject))
                .when()
                .post("/api/v1/phi/encrypt")
                .then()
                .extract()
                .statusCode();
    }

    @Test
    void concurrentWritersKeepOneUnbrokenChainPerTenant() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            String tenant = i % 2 == 0 ? "chain-a" : "chain-b";
            int n = i;
            results.add(pool.submit(() -> encrypt(tenant, "writer-" + n, "subject-" + (n % 5))));
        }
        for (Future<Integer> result : results) {
            assertEquals(200, result.get());
        }
        pool.shutdown();
        for (String tenant : List.of("chain-a", "chain-b")) {
            given().auth()
                    .oauth2(TestTokens.token(tenant, Roles.AUDITOR))
                    .when()
                    .get("/api/v1/audit/verify")
                    .then()
                    .statusCode(200)
                    .body("valid", equalTo(true))
                    .body("entriesChecked", greaterThanOrEqualTo(24));
            List<Long> sequences =
                    PhiAccessRecord.<PhiAccessRecord>find("tenant = ?1 order by sequence", tenant).list().stream()
                            .map(r -> r.sequence)
                            .toList();
            for (int i = 0; i < sequences.size(); i++) {
                assertEquals(i + 1, sequences.get(i));
            }
        }
    }

    @Inject
    AuditLog log;

    @Test
    void recordsOfConcurrentRequestsAreCommittedTogether() throws Exception {
        assertEquals(200, encrypt("group", "first", "p"));
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // While the writer waits for the tenant's chain head, requests queue up behind it.
        Thread holder = Thread.ofPlatform()
                .start(() -> QuarkusTransaction.requiringNew().run(() -> {
                    em.createNativeQuery("SELECT sequence FROM phi_access_head WHERE tenant = 'group' FOR UPDATE")
                            .getResultList();
                    locked.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
        locked.await();
        long before = log.commits();
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int n = i;
            results.add(pool.submit(() -> encrypt("group", "grouped-" + n, "p")));
        }
        long deadline = System.nanoTime() + 4_000_000_000L;
        while (System.nanoTime() < deadline && log.queued() < 9) {
            Thread.onSpinWait();
        }
        release.countDown();
        for (Future<Integer> result : results) {
            assertEquals(200, result.get());
        }
        pool.shutdown();
        holder.join();
        assertEquals(10, PhiAccessRecord.count("tenant = 'group' and subject like 'grouped-%'"));
        assertTrue(log.commits() - before <= 3, "commits for 10 requests: " + (log.commits() - before));
    }

    @Test
    void queryBySubjectUserActionAndTimeIsPagedAndTenantScoped() {
        for (int i = 0; i < 3; i++) {
            assertEquals(200, encrypt("query", "nurse-" + i, i < 2 ? "patient-55" : "patient-56"));
        }
        String auditor = TestTokens.token("query", Roles.AUDITOR);
        given().auth()
                .oauth2(auditor)
                .contentType(ContentType.JSON)
                .body(Map.of("dataSubject", "patient-55", "action", "encrypt", "size", 1))
                .when()
                .post("/api/v1/audit/search")
                .then()
                .statusCode(200)
                .body("total", equalTo(2))
                .body("size", equalTo(1))
                .body("page", equalTo(0))
                .body("items.size()", equalTo(1))
                .body("items[0].subject", equalTo("nurse-0"));
        String id = given().auth()
                .oauth2(auditor)
                .queryParam("user", "nurse-2")
                .queryParam("from", "2020-01-01T00:00:00Z")
                .queryParam("to", "2999-01-01T00:00:00Z")
                .when()
                .get("/api/v1/audit")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items.action", everyItem(equalTo("encrypt")))
                .extract()
                .path("items[0].id");
        given().auth()
                .oauth2(auditor)
                .when()
                .get("/api/v1/audit/" + id)
                .then()
                .statusCode(200)
                .body("subject", equalTo("nurse-2"));
        given().auth()
                .oauth2(TestTokens.token("other-query", Roles.AUDITOR))
                .when()
                .get("/api/v1/audit/" + id)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(TestTokens.token("other-query", Roles.AUDITOR))
                .queryParam("user", "nurse-2")
                .when()
                .get("/api/v1/audit")
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
        given().auth()
                .oauth2(auditor)
                .queryParam("from", "yesterday")
                .when()
                .get("/api/v1/audit")
                .then()
                .statusCode(422);
    }

    @Test
    void tamperingIsFoundByVerify() {
        assertEquals(200, encrypt("tamper", "t1", "p1"));
        assertEquals(200, encrypt("tamper", "t2", "p2"));
        String auditor = TestTokens.token("tamper", Roles.SECURITY_OFFICER);
        given().auth()
                .oauth2(auditor)
                .when()
                .get("/api/v1/audit/verify")
                .then()
                .statusCode(200)
                .body("valid", equalTo(true));
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("ALTER TABLE phi_access_record DISABLE TRIGGER phi_access_record_guard")
                    .executeUpdate();
            em.createNativeQuery("UPDATE phi_access_record SET subject = 'someone-else'"
                            + " WHERE tenant = 'tamper' AND sequence = 1")
                    .executeUpdate();
            em.createNativeQuery("ALTER TABLE phi_access_record ENABLE TRIGGER phi_access_record_guard")
                    .executeUpdate();
        });
        given().auth()
                .oauth2(auditor)
                .when()
                .get("/api/v1/audit/verify")
                .then()
                .statusCode(200)
                .body("valid", equalTo(false))
                .body("firstInvalidSequence", equalTo(1))
                .body("problem", containsString("does not match its hash"));
    }

    @Test
    void recordsAreAppendOnlyAndKeptForTheRetentionPeriod() {
        assertEquals(200, encrypt("retain", "r1", "p1"));
        String officer = TestTokens.token("retain", Roles.SECURITY_OFFICER);
        given().auth()
                .oauth2(officer)
                .queryParam("before", "2026-01-01T00:00:00Z")
                .when()
                .delete("/api/v1/audit/records")
                .then()
                .statusCode(409)
                .body("detail", containsString("6 years"));
        given().auth()
                .oauth2(officer)
                .queryParam("before", "2001-01-01T00:00:00Z")
                .when()
                .delete("/api/v1/audit/records")
                .then()
                .statusCode(200)
                .body("deleted", equalTo(0));
        assertThrows(
                RuntimeException.class,
                () -> QuarkusTransaction.requiringNew()
                        .run(() -> em.createNativeQuery("DELETE FROM phi_access_record WHERE tenant = 'retain'")
                                .executeUpdate()));
        assertThrows(
                RuntimeException.class,
                () -> QuarkusTransaction.requiringNew()
                        .run(() -> em.createNativeQuery(
                                        "UPDATE phi_access_record SET result = 'allowed' WHERE tenant = 'retain'")
                                .executeUpdate()));
        PhiAccessRecord record = PhiAccessRecord.<PhiAccessRecord>find("tenant = 'retain' and action = 'encrypt'")
                .firstResult();
        assertTrue(record.retainUntil.isAfter(record.occurredAt.plusSeconds(6L * 365 * 24 * 3600)));
        assertEquals(1, PhiAccessRecord.count("tenant = 'retain' and action = 'audit-purge' and result = 'denied'"));
    }

    @Test
    void decryptDisclosesNothingWhenItsRecordCannotBeCommitted() throws Exception {
        String ciphertext = given().auth()
                .oauth2(TestTokens.token("durable", Roles.PHI_ENCRYPTOR))
                .contentType(ContentType.JSON)
                .body(Map.of("plaintext", Base64.getEncoder().encodeToString("secret".getBytes()), "record", "r"))
                .when()
                .post("/api/v1/phi/encrypt")
                .then()
                .statusCode(200)
                .extract()
                .path("ciphertext");
        CountDownLatch locked = new CountDownLatch(1);
        // Holding the tenant's chain head longer than vault.audit.wait-timeout (5 s in tests) keeps the record from
        // being committed in time.
        Thread holder = Thread.ofPlatform()
                .start(() -> QuarkusTransaction.requiringNew().run(() -> {
                    em.createNativeQuery("SELECT sequence FROM phi_access_head WHERE tenant = 'durable' FOR UPDATE")
                            .getResultList();
                    locked.countDown();
                    try {
                        Thread.sleep(7000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
        locked.await();
        given().auth()
                .oauth2(TestTokens.token("durable", Roles.PHI_READER))
                .header("X-Purpose-Of-Use", "treatment")
                .contentType(ContentType.JSON)
                .body(Map.of("ciphertext", ciphertext, "record", "r"))
                .when()
                .post("/api/v1/phi/decrypt")
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .body("detail", containsString("audit log"))
                .body("plaintext", org.hamcrest.Matchers.nullValue());
        holder.join();
        // the attempt itself is still recorded, as failed, once the log can be written again
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (PhiAccessRecord.count("tenant = 'durable' and action = 'decrypt' and result = 'failed'") == 0
                && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        PhiAccessRecord failed = PhiAccessRecord.<PhiAccessRecord>find(
                        "tenant = 'durable' and action = 'decrypt' and result = 'failed'")
                .firstResult();
        assertEquals("service unavailable", failed.reason);
        assertEquals("treatment", failed.purpose);
    }

    @Test
    void verifyIsValidWhileWritersAppend() throws Exception {
        assertEquals(200, encrypt("verify-live", "first", "p"));
        ExecutorService writers = Executors.newFixedThreadPool(4);
        List<Future<Integer>> written = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            int n = i;
            written.add(writers.submit(() -> encrypt("verify-live", "writer-" + n, "p" + (n % 3))));
        }
        String auditor = TestTokens.token("verify-live", Roles.AUDITOR);
        int verifications = 0;
        while (verifications < 10 || written.stream().anyMatch(f -> !f.isDone())) {
            given().auth()
                    .oauth2(auditor)
                    .when()
                    .get("/api/v1/audit/verify")
                    .then()
                    .statusCode(200)
                    .body("valid", equalTo(true))
                    .body("firstInvalidSequence", org.hamcrest.Matchers.nullValue());
            verifications++;
        }
        for (Future<Integer> result : written) {
            assertEquals(200, result.get());
        }
        writers.shutdown();
        given().auth()
                .oauth2(auditor)
                .when()
                .get("/api/v1/audit/verify")
                .then()
                .statusCode(200)
                .body("valid", equalTo(true))
                .body("headSequence", greaterThanOrEqualTo(81));
    }

    private static AccessEvent event(String tenant, String subject, String reason) {
        return new AccessEvent(
                tenant, subject, null, "encrypt", null, null, null, null, null, "allowed", reason, null, null, false);
    }

    /**
     * Queues {@code events} behind a request that the writer is stuck on (its tenant's chain head is locked), so that
     * they reach the database as one batch once the lock is released; returns each request's outcome.
     */
    private List<Boolean> asOneBatch(List<AccessEvent> events) throws Exception {
        log.record(event("audit-blocker", "setup", null));
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = Thread.ofPlatform()
                .start(() -> QuarkusTransaction.requiringNew().run(() -> {
                    em.createNativeQuery(
                                    "SELECT sequence FROM phi_access_head WHERE tenant = 'audit-blocker' FOR UPDATE")
                            .getResultList();
                    locked.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
        locked.await();
        ExecutorService callers = Executors.newFixedThreadPool(events.size() + 1);
        Future<?> blocker = callers.submit(() -> log.record(event("audit-blocker", "blocker", null)));
        long deadline = System.nanoTime() + 4_000_000_000L;
        while (!writerWaitsOnALock() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(writerWaitsOnALock(), "the audit writer is blocked on the chain head");
        List<Future<Boolean>> outcomes = new ArrayList<>();
        for (AccessEvent e : events) {
            outcomes.add(callers.submit(() -> {
                try {
                    log.record(e);
                    return true;
                } catch (org.compliancesuite.common.problem.ProblemException refused) {
                    return false;
                }
            }));
        }
        while (log.queued() < events.size() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        // every event waits in the queue, so the writer takes them as one batch once the head is released
        assertTrue(log.queued() >= events.size(), "all events queued behind the blocked writer: " + log.queued());
        release.countDown();
        holder.join();
        blocker.get();
        List<Boolean> results = new ArrayList<>();
        for (Future<Boolean> outcome : outcomes) {
            results.add(outcome.get());
        }
        callers.shutdown();
        return results;
    }

    /** The writer is stuck on the locked chain head; each look in its own transaction (fresh activity snapshot). */
    private boolean writerWaitsOnALock() {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname ="
                                                + " current_database() AND wait_event_type = 'Lock'")
                                        .getSingleResult())
                                .longValue()
                        > 0);
    }

    private void refuseInTheDatabase(boolean on) {
        QuarkusTransaction.requiringNew().run(() -> {
            if (on) {
                em.createNativeQuery("CREATE OR REPLACE FUNCTION test_refuse_audit() RETURNS trigger AS $$ BEGIN"
                                + " IF NEW.tenant = 'audit-outage' THEN RAISE EXCEPTION 'simulated outage' USING"
                                + " ERRCODE = '08006'; END IF; IF NEW.reason = 'poison' THEN RAISE EXCEPTION"
                                + " 'simulated bad value' USING ERRCODE = '22023'; END IF; RETURN NEW; END; $$"
                                + " LANGUAGE plpgsql")
                        .executeUpdate();
                em.createNativeQuery("CREATE TRIGGER test_refuse_audit BEFORE INSERT ON phi_access_record FOR EACH"
                                + " ROW EXECUTE FUNCTION test_refuse_audit()")
                        .executeUpdate();
            } else {
                em.createNativeQuery("DROP TRIGGER IF EXISTS test_refuse_audit ON phi_access_record")
                        .executeUpdate();
            }
        });
    }

    @Test
    void aRecordTheDatabaseRefusesFailsAloneAndTheRestOfItsBatchIsCommitted() throws Exception {
        refuseInTheDatabase(true);
        try {
            List<AccessEvent> batch = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                batch.add(event("audit-split", "split-" + i, i == 4 ? "poison" : null));
            }
            List<Boolean> outcomes = asOneBatch(batch);
            assertEquals(List.of(true, true, true, true, false, true), outcomes);
            assertEquals(5, PhiAccessRecord.count("tenant = 'audit-split'"));
        } finally {
            refuseInTheDatabase(false);
        }
    }

    @Test
    void aDatabaseOutageFailsTheWholeBatchAtOnce() throws Exception {
        refuseInTheDatabase(true);
        try {
            List<AccessEvent> batch = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                batch.add(event("audit-outage", "outage-" + i, null));
            }
            long failuresBefore = log.failures();
            List<Boolean> outcomes = asOneBatch(batch);
            assertEquals(List.of(false, false, false, false, false, false), outcomes);
            // one failed transaction for the batch, not one more per request retried alone
            assertEquals(1, log.failures() - failuresBefore);
            assertEquals(0, PhiAccessRecord.count("tenant = 'audit-outage'"));
        } finally {
            refuseInTheDatabase(false);
        }
    }

    @Test
    void truncateIsRefused() {
        assertEquals(200, encrypt("truncate", "t", "p"));
        RuntimeException refused = assertThrows(
                RuntimeException.class,
                () -> QuarkusTransaction.requiringNew()
                        .run(() -> em.createNativeQuery("TRUNCATE phi_access_record")
                                .executeUpdate()));
        assertTrue(rootMessage(refused).contains("TRUNCATE is refused"), rootMessage(refused));
        assertEquals(1, PhiAccessRecord.count("tenant = 'truncate'"));
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    @Test
    void aRetentionBelowSixYearsRefusesToStart() {
        AuditLog belowFloor = new AuditLog();
        belowFloor.retentionYears = 5;
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> belowFloor.start(null));
        assertTrue(refused.getMessage().contains("AUDIT_RETENTION_YEARS is 5"));
        AuditLog.checkRetention(6);
        AuditLog.checkRetention(10);
    }

    @Test
    void auditReadsAreRateLimitedPerClient() {
        String token = TestTokens.builder("audit-limited", Roles.AUDITOR)
                .claim("azp", "rate-limited-client")
                .subject("hasty-auditor")
                .sign();
        int refused = 0;
        for (int i = 0; i < 5; i++) {
            var response = given().auth().oauth2(token).when().get("/api/v1/audit/verify");
            if (response.statusCode() == 429) {
                refused++;
                response.then().header("Retry-After", org.hamcrest.Matchers.notNullValue());
            } else {
                response.then().statusCode(200);
            }
        }
        assertTrue(refused >= 2, "refused " + refused);
        assertEquals(
                refused,
                PhiAccessRecord.count(
                        "subject = 'hasty-auditor' and action = 'audit-read' and reason = 'rate-limited'"));
    }

    @Test
    void tokenMatrix() {
        TokenMatrix.assertRefusals(
                token -> TokenMatrix.bearer(token).contentType(ContentType.JSON).body(Map.of("user", "nurse-1")),
                "POST",
                "/api/v1/audit/search",
                "query",
                Roles.AUDITOR,
                Roles.PHI_READER);
        TokenMatrix.assertRefusals(
                TokenMatrix::bearer,
                "GET",
                "/api/v1/audit/" + java.util.UUID.randomUUID(),
                "query",
                Roles.SECURITY_OFFICER,
                Roles.PHI_ENCRYPTOR);
        TokenMatrix.assertRefusals(
                TokenMatrix::bearer, "GET", "/api/v1/audit/verify", "query", Roles.AUDITOR, Roles.PHI_READER);
        TokenMatrix.assertRefusals(
                TokenMatrix::bearer, "GET", "/api/v1/audit", "query", Roles.SECURITY_OFFICER, Roles.GRC_ADMIN);
        TokenMatrix.assertRefusals(
                token -> TokenMatrix.bearer(token).queryParam("before", "2001-01-01T00:00:00Z"),
                "DELETE",
                "/api/v1/audit/records",
                "query",
                Roles.SECURITY_OFFICER,
                Roles.AUDITOR);
    }
}
