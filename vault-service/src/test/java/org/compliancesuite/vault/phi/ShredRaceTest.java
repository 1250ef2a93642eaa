package org.compliancesuite.vault.phi;

import static io.restassured.RestAssured.given;
import static org.compliancesuite.vault.phi.PhiEncryptionTest.b64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.compliancesuite.common.security.Roles;
import org.compliancesuite.common.testing.TestTokens;
import org.compliancesuite.vault.audit.AuditReferences;
import org.compliancesuite.vault.audit.PhiAccessRecord;
import org.compliancesuite.vault.keys.CryptoFailure;
import org.compliancesuite.vault.testing.TransitTestResource;
import org.compliancesuite.vault.testing.TransitTestServer;
import org.junit.jupiter.api.Test;

/** Crypto-shredding cannot be undone, not even by an encryption that was creating the subject's key meanwhile. */
@QuarkusTest
class ShredRaceTest {

    @Inject
    EntityManager em;

    @Inject
    SubjectKeys subjects;

    @Inject
    AuditReferences references;

    private static Response encrypt(String tenant, String dataSubject) {
        return given().auth()
                .oauth2(TestTokens.token(tenant, Roles.PHI_ENCRYPTOR))
                .contentType(ContentType.JSON)
                .body(Map.of("plaintext", b64("diagnosis"), "record", "r/1", "dataSubject", dataSubject))
                .when()
                .post("/api/v1/phi/encrypt");
    }

    private static Response shred(String tenant, String dataSubject) {
        return given().auth()
                .oauth2(TestTokens.builder(tenant, Roles.SECURITY_OFFICER)
                        .subject("dpo")
                        .sign())
                .contentType(ContentType.JSON)
                .body(Map.of("dataSubject", dataSubject, "reason", "erasure request"))
                .when()
                .post("/api/v1/phi/subjects/shred");
    }

    private long subjectKeyRows(String tenant) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery("SELECT count(*) FROM subject_key WHERE tenant = ?1")
                                .setParameter(1, tenant)
                                .getSingleResult())
                        .longValue());
    }

    private boolean shredWaitsOnTheSubjectLock() {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                                        + " AND wait_event = 'advisory' AND datname = current_database()")
                                .getSingleResult())
                        .longValue()
                > 0;
    }

    @Test
    void aShredDuringTheFirstEncryptionOfItsSubjectLeavesNothingDecryptable() throws Exception {
        String tenant = "shred-race";
        TransitTestServer server = TransitTestResource.server();
        // warm up the tenant (keys, audit reference secret) so that the only Transit encrypt left is the subject key's
        assertEquals(200, encrypt(tenant, "warm-up").statusCode());

        // the encryption stops in the middle of creating the subject key: its wrap is held at the Transit server
        ExecutorService clients = Executors.newFixedThreadPool(2);
        TransitTestServer.Hold wrap = server.hold("encrypt");
        Response encrypted;
        try {
            Future<Response> encryption = clients.submit(() -> encrypt(tenant, "patient-77"));
            assertTrue(wrap.awaitArrival(Duration.ofSeconds(10)), "the subject key wrap reached Transit");
            Future<Response> shredding = clients.submit(() -> shred(tenant, "patient-77"));
            // bounded well below the Vault client's read timeout (5 s), which would otherwise fail the held call
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (!shredding.isDone() && !shredWaitsOnTheSubjectLock() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            // the race this test is about: the shred must be waiting for the encryption's subject lock right now
            assertFalse(shredding.isDone(), "the shred did not finish while the subject key was being created");
            assertTrue(shredWaitsOnTheSubjectLock(), "the shred waits on the subject lock");
            wrap.release();
            encrypted = encryption.get(30, TimeUnit.SECONDS);
            assertEquals(200, shredding.get(30, TimeUnit.SECONDS).statusCode());
        } finally {
            // never leave a hold behind for another test's encryption
            wrap.release();
            clients.shutdown();
        }

        // whatever the encryption answered, the subject's data must be unreadable now and forever
        assertEquals(1, subjectKeyRows(tenant), "only the warm-up subject keeps a key");
        if (encrypted.statusCode() == 200) {
            given().auth()
                    .oauth2(TestTokens.token(tenant, Roles.PHI_READER))
                    .header("X-Purpose-Of-Use", "treatment")
                    .contentType(ContentType.JSON)
                    .body(Map.of("ciphertext", encrypted.path("ciphertext"), "record", "r/1"))
                    .when()
                    .post("/api/v1/phi/decrypt")
                    .then()
                    .statusCode(422);
        } else {
            assertEquals(409, encrypted.statusCode());
        }
        // and no new data can be encrypted for the subject: refused and audited
        encrypt(tenant, "patient-77").then().statusCode(409);
        String ref = references.dataSubject(tenant, "patient-77");
        assertTrue(PhiAccessRecord.count(
                        "tenant = ?1 and action = 'encrypt' and result = 'rejected' and reason = 'shredded'"
                                + " and dataSubjectRef = ?2",
                        tenant,
                        ref)
                >= 1);
    }

    @Test
    void aKeyRowOfAShreddedSubjectNeverDecrypts() {
        // a row that outlived its shred (restored backup, or the race above on an older version of the service)
        String tenant = "shred-tombstone";
        assertEquals(200, encrypt(tenant, "patient-78").statusCode());
        String ref = references.dataSubject(tenant, "patient-78");
        UUID keyId = QuarkusTransaction.requiringNew()
                .call(() ->
                        (UUID) em.createNativeQuery("SELECT id FROM subject_key WHERE tenant = ?1 AND subject_ref = ?2")
                                .setParameter(1, tenant)
                                .setParameter(2, ref)
                                .getSingleResult());
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery("INSERT INTO shredded_subject (tenant, subject_ref, key_id,"
                                + " shredded_at, shredded_by, reason) VALUES (?1, ?2, ?3, ?4, 'dpo', 'test')")
                        .setParameter(1, tenant)
                        .setParameter(2, ref)
                        .setParameter(3, keyId)
                        .setParameter(4, Timestamp.from(Instant.now()))
                        .executeUpdate());
        CryptoFailure refused = assertThrows(
                CryptoFailure.class,
                () -> QuarkusTransaction.requiringNew().call(() -> subjects.forDecryption(tenant, keyId)));
        assertEquals("shredded", refused.code());
        encrypt(tenant, "patient-78").then().statusCode(409);
    }
}
