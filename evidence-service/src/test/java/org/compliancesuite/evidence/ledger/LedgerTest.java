package org.compliancesuite.evidence.ledger;

import static io.restassured.RestAssured.given;
import static org.compliancesuite.evidence.TestData.count;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.compliancesuite.common.chain.HashChain;
import org.compliancesuite.common.testing.TokenMatrix;
import org.compliancesuite.evidence.TestData;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LedgerTest {

    @Inject
    AgroalDataSource db;

    @Inject
    Checkpoints checkpoints;

    @Test
    void parallelCreatesLeaveOneChainWithoutGapOrFork() throws Exception {
        String tenant = "acme-parallel";
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Callable<String>> calls = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                int n = i;
                calls.add(() -> TestData.record(tenant, "parallel " + n, List.of(n % 2 == 0 ? "mfa" : "tls"), null));
            }
            for (Future<String> f : pool.invokeAll(calls)) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }

        assertEquals(60, count(db, "SELECT count(*) FROM ledger_entry WHERE tenant = ?", tenant));
        assertEquals(60, count(db, "SELECT max(sequence) FROM ledger_entry WHERE tenant = ?", tenant));
        assertEquals(60, count(db, "SELECT count(DISTINCT previous_hash) FROM ledger_entry WHERE tenant = ?", tenant));
        assertEquals(60, count(db, "SELECT sequence FROM ledger_head WHERE tenant = ?", tenant));
        assertEquals(
                30,
                count(db, "SELECT pending_count FROM control_summary WHERE tenant = ? AND control_id = 'mfa'", tenant));
        given().auth()
                .oauth2(TestData.auditor(tenant))
                .when()
                .get("/api/v1/ledger/verify")
                .then()
                .statusCode(200)
                .body("valid", equalTo(true))
                .body("entriesChecked", equalTo(60))
                .body("contentsChecked", equalTo(60))
                .body("firstBroken", nullValue());
    }

    @Test
    void verifyFindsARowChangedWithSql() {
        String tenant = "acme-tamper";
        TestData.record(tenant, "one", List.of("mfa"), null);
        String second = TestData.record(tenant, "two", List.of("mfa"), null);
        TestData.record(tenant, "three", List.of("mfa"), null);

        TestData.update(db, "UPDATE ledger_entry SET actor = 'mallory' WHERE tenant = ? AND sequence = 2", tenant);
        given().auth()
                .oauth2(TestData.auditor(tenant))
                .when()
                .get("/api/v1/ledger/verify")
                .then()
                .statusCode(200)
                .body("valid", equalTo(false))
                .body("firstBroken.sequence", equalTo(2))
                .body("firstBroken.evidenceId", equalTo(second))
                .body("firstBroken.reason", equalTo("entry altered"));
    }

    @Test
    void verifyFindsContentChangedWithSql() {
        String tenant = "acme-content";
        TestData.record(tenant, "one", List.of("mfa"), null);
        String second = TestData.record(tenant, "two", List.of("mfa"), null);

        TestData.update(
                db,
                "UPDATE content_chunk SET data = convert_to('{\"value\":\"forged\"}', 'UTF8') WHERE content_id ="
                        + " (SELECT content_id FROM evidence WHERE id = ?::uuid)",
                second);
        given().auth()
                .oauth2(TestData.auditor(tenant))
                .when()
                .get("/api/v1/ledger/verify")
                .then()
                .statusCode(200)
                .body("valid", equalTo(false))
                .body("firstBroken.sequence", equalTo(2))
                .body("firstBroken.reason", equalTo("stored content differs from the digest in the ledger"));
        given().auth()
                .oauth2(TestData.auditor(tenant))
                .queryParam("contents", false)
                .when()
                .get("/api/v1/ledger/verify")
                .then()
                .body("valid", equalTo(true))
                .body("contentsChecked", equalTo(0));
    }

    @Test
    void aRewrittenChainIsCaughtByTheSignedCheckpoint() {
        String tenant = "acme-rewrite";
        TestData.record(tenant, "one", List.of("mfa"), null);
        given().auth()
                .oauth2(TestData.manager(tenant))
                .when()
                .post("/api/v1/ledger/checkpoints")
                .then()
                .statusCode(201);
        // An attacker with database access recomputes the entry's hash and the head so that the chain is consistent.
        List<Object> row = TestData.rows(
                        db,
                        "SELECT event, evidence_id::text, content_sha256, occurred_at, details FROM ledger_entry"
                                + " WHERE tenant = ? AND sequence = 1",
                        tenant)
                .getFirst();
        LedgerEvent forged = new LedgerEvent(
                tenant,
                (String) row.get(0),
                UUID.fromString((String) row.get(1)),
                (String) row.get(2),
                "mallory",
                (String) row.get(3),
                (String) row.get(4));
        String hash = HashChain.link(HashChain.GENESIS, 1, forged.canonical());
        TestData.update(
                db,
                "UPDATE ledger_entry SET actor = 'mallory', hash = ? WHERE tenant = ? AND sequence = 1",
                hash,
                tenant);
        TestData.update(db, "UPDATE ledger_head SET head_hash = ? WHERE tenant = ?", hash, tenant);

        given().auth()
                .oauth2(TestData.auditor(tenant))
                .when()
                .get("/api/v1/ledger/verify")
                .then()
                .body("valid", equalTo(false))
                .body("firstBroken.sequence", equalTo(1))
                .body("firstBroken.reason", equalTo("chain differs from the signed checkpoint"));
    }

    @Test
    void checkpointsAreSignedAndTheExportVerifiesOffline() throws Exception {
        String tenant = "acme-export";
        String id = TestData.record(tenant, "one", List.of("mfa"), null);
        TestData.review(tenant, id, "accepted");
        JsonPath checkpoint = given().auth()
                .oauth2(TestData.manager(tenant))
                .when()
                .post("/api/v1/ledger/checkpoints")
                .then()
                .statusCode(201)
                .body("sequence", equalTo(2))
                .body("signer", equalTo("config"))
                .body("algorithm", equalTo("ed25519"))
                .extract()
                .jsonPath();
        TestData.record(tenant, "after the checkpoint", List.of("mfa"), null);

        JsonPath export = given().auth()
                .oauth2(TestData.auditor(tenant))
                .when()
                .get("/api/v1/ledger/export")
                .then()
                .statusCode(200)
                .body("headSequence", equalTo(3))
                .body("entries.size()", equalTo(3))
                .body("checkpoints.size()", equalTo(1))
                .extract()
                .jsonPath();

        // What an auditor does offline with the export alone: relink every entry, then check the signature.
        String previous = HashChain.GENESIS;
        List<Map<String, Object>> entries = export.getList("entries");
        for (Map<String, Object> entry : entries) {
            assertEquals(previous, entry.get("previousHash"));
            String canonical = HashChain.canonicalJson(Map.of(
                    "tenant", tenant,
                    "event", entry.get("event"),
                    "evidenceId", entry.get("evidenceId"),
                    "contentSha256", entry.get("contentSha256"),
                    "actor", entry.get("actor"),
                    "occurredAt", entry.get("occurredAt"),
                    "details", entry.get("details")));
            assertEquals(entry.get("canonical"), canonical);
            String hash = HashChain.sha256Hex(
                    (previous + "\n" + entry.get("sequence") + "\n" + canonical).getBytes(StandardCharsets.UTF_8));
            assertEquals(entry.get("hash"), hash);
            previous = hash;
        }
        String payload = checkpoint.getString("signedPayload");
        assertTrue(payload.contains("\"headHash\":\"" + entries.get(1).get("hash") + "\""));
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(KeyFactory.getInstance("Ed25519")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder()
                        .decode(checkpoint.getString("publicKeyPem").replaceAll("-----[A-Z ]+-----|\\s", "")))));
        verifier.update(payload.getBytes(StandardCharsets.UTF_8));
        assertTrue(verifier.verify(Base64.getDecoder().decode(checkpoint.getString("signature"))));

        given().auth()
                .oauth2(TestData.auditor(tenant))
                .when()
                .get("/api/v1/ledger/verify")
                .then()
                .body("valid", equalTo(true))
                .body("checkpointsChecked", equalTo(1));
    }

    @Test
    void theScheduleSignsEachGrownChainOncePerPeriodAcrossReplicas() {
        String tenant = "acme-schedule";
        TestData.record(tenant, "one", List.of("mfa"), null);
        Instant now = Instant.parse("2030-01-01T10:15:00Z");
        long before = count(db, "SELECT count(*) FROM ledger_checkpoint WHERE tenant = ?", tenant);

        int first = checkpoints.runDue(now);
        int secondReplica = checkpoints.runDue(now.plusSeconds(60));

        assertTrue(first >= 1);
        assertEquals(0, secondReplica);
        assertEquals(before + 1, count(db, "SELECT count(*) FROM ledger_checkpoint WHERE tenant = ?", tenant));
        assertEquals(
                "schedule",
                TestData.rows(db, "SELECT created_by FROM ledger_checkpoint WHERE tenant = ?", tenant)
                        .getFirst()
                        .getFirst());
    }

    @Test
    void anEmptyLedgerHasNothingToCheckpoint() {
        given().auth()
                .oauth2(TestData.manager("acme-empty"))
                .when()
                .post("/api/v1/ledger/checkpoints")
                .then()
                .statusCode(409);
    }

    @Test
    void refusesBadTokens() {
        TokenMatrix.assertRefusals(
                TokenMatrix::bearer, "GET", "/api/v1/ledger/verify", "acme", "auditor", "evidence-collector");
        TokenMatrix.assertRefusals(
                TokenMatrix::bearer, "POST", "/api/v1/ledger/checkpoints", "acme", "compliance-manager", "auditor");
        TokenMatrix.assertRefusals(
                TokenMatrix::bearer, "GET", "/api/v1/ledger/export", "acme", "auditor", "phi-reader");
    }

    @Test
    void anotherTenantsChainIsNotVisible() {
        TestData.record("acme-own", "mine", List.of("mfa"), null);
        given().auth()
                .oauth2(TestData.auditor("globex-own"))
                .when()
                .get("/api/v1/ledger/export")
                .then()
                .statusCode(200)
                .body("entries.size()", equalTo(0));
    }
}
