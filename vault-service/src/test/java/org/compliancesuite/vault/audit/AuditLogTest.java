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
            em.createNativeQuery(
                            "UPDATE phi_access_record SET subject = 'someone-else' WHERE tenant = 'tamper' AND sequence = 1")
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
    }

    @Test
    void tokenMatrix() {
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
