package org.compliancesuite.evidence.ledger;

import static io.restassured.RestAssured.given;
import static org.compliancesuite.evidence.TestData.checkpoint;
import static org.compliancesuite.evidence.TestData.count;
import static org.compliancesuite.evidence.TestData.verifyLedger;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.compliancesuite.common.chain.HashChain;
import org.compliancesuite.common.testing.TestTokens;
import org.compliancesuite.common.testing.TokenMatrix;
import org.compliancesuite.evidence.TestData;
import org.compliancesuite.evidence.UpstreamStubs;
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
        verifyLedger(tenant)
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
        verifyLedger(tenant)
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
        verifyLedger(tenant)
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
    void evidenceRowsChangedWithSqlDifferFromTheirReplayedEvents() {
        Map<String, String> manipulations = new LinkedHashMap<>();
        manipulations.put("state", "UPDATE evidence SET state = 'accepted' WHERE id = ?::uuid");
        manipulations.put(
                "controlIds", "INSERT INTO evidence_control (evidence_id, control_id) VALUES (?::uuid, 'tls')");
        manipulations.put(
                "requirementRefs",
                "INSERT INTO evidence_requirement (evidence_id, requirement_ref) VALUES (?::uuid, 'soc2-2017:CC6.1')");
        manipulations.put(
                "retainUntil", "UPDATE evidence SET retain_until = now() - interval '1 day' WHERE id = ?::uuid");
        manipulations.put("legalHold", "UPDATE evidence SET legal_hold = true WHERE id = ?::uuid");
        manipulations.put("deletedAt", "UPDATE evidence SET deleted_at = now() WHERE id = ?::uuid");
        manipulations.put("sha256", "UPDATE evidence SET sha256 = repeat('0', 64) WHERE id = ?::uuid");
        manipulations.put("size", "UPDATE evidence SET size = size + 1 WHERE id = ?::uuid");
        manipulations.put("title", "UPDATE evidence SET title = 'another title' WHERE id = ?::uuid");
        manipulations.put(
                "collectedAt", "UPDATE evidence SET collected_at = collected_at - interval '1 day' WHERE id = ?::uuid");
        manipulations.put("periodEnd", "UPDATE evidence SET period_end = DATE '2030-01-01' WHERE id = ?::uuid");
        manipulations.put("fileName", "UPDATE evidence SET file_name = 'other.json' WHERE id = ?::uuid");

        for (Map.Entry<String, String> manipulation : manipulations.entrySet()) {
            String tenant = "acme-row-" + manipulation.getKey().toLowerCase(Locale.ROOT);
            TestData.record(tenant, "before", List.of("mfa"), null);
            String id = withPeriod(tenant);
            verify(tenant).body("valid", equalTo(true)).body("evidenceChecked", equalTo(2));

            TestData.update(db, manipulation.getValue(), id);

            verify(tenant)
                    .body("valid", equalTo(false))
                    .body("firstBroken.evidenceId", equalTo(id))
                    .body("firstBroken.field", equalTo(manipulation.getKey()))
                    .body("firstBroken.sequence", equalTo(2))
                    .body(
                            "firstBroken.reason",
                            equalTo("evidence row differs from the ledger: " + manipulation.getKey()));
        }
    }

    @Test
    void aChangeUndoingALaterEventNamesThatEvent() {
        String tenant = "acme-row-undo";
        String id = TestData.record(tenant, "held", List.of("mfa"), null);
        TestData.review(tenant, id, "rejected");
        given().auth()
                .oauth2(TestData.manager(tenant))
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "litigation"))
                .when()
                .put("/api/v1/evidence/" + id + "/legal-hold")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(TestData.manager(tenant))
                .when()
                .delete("/api/v1/evidence/" + id + "/legal-hold")
                .then()
                .statusCode(200);
        verify(tenant).body("valid", equalTo(true));

        // the rejection (entry 2) made the state rejected; flipping it to accepted contradicts that entry
        TestData.update(db, "UPDATE evidence SET state = 'accepted', rejection_reason = NULL WHERE id = ?::uuid", id);
        verify(tenant).body("firstBroken.sequence", equalTo(2)).body("firstBroken.field", equalTo("state"));
        TestData.update(
                db, "UPDATE evidence SET state = 'rejected', rejection_reason = 'checked' WHERE id = ?::uuid", id);
        verify(tenant).body("valid", equalTo(true));

        // the release (entry 4) cleared the hold; setting it again with SQL contradicts the release
        TestData.update(db, "UPDATE evidence SET legal_hold = true WHERE id = ?::uuid", id);
        verify(tenant).body("firstBroken.sequence", equalTo(4)).body("firstBroken.field", equalTo("legalHold"));
    }

    @Test
    void anEvidenceRowInsertedOrRemovedWithSqlIsFound() {
        String tenant = "acme-row-inserted";
        String id = TestData.record(tenant, "original", List.of("mfa"), null);
        String copy = UUID.randomUUID().toString();
        TestData.update(
                db,
                "INSERT INTO evidence SELECT ?::uuid, tenant, title, description, source, state, kind, file_name,"
                        + " media_type, size, sha256, content_id, collected_at, period_start, period_end, fresh_until,"
                        + " collector_subject, collector_client, created_at, reviewed_by, reviewed_at,"
                        + " rejection_reason, retain_until, retention_basis, legal_hold, legal_hold_reason,"
                        + " legal_hold_by, legal_hold_at,"
                        + " deleted_at, deleted_by FROM evidence WHERE id = ?::uuid",
                copy,
                id);
        verify(tenant)
                .body("valid", equalTo(false))
                .body("firstBroken.sequence", equalTo(0))
                .body("firstBroken.evidenceId", equalTo(copy))
                .body("firstBroken.reason", equalTo("evidence row has no entry in the ledger"));

        String removed = "acme-row-removed";
        String gone = TestData.record(removed, "removed", List.of("mfa"), null);
        TestData.update(db, "DELETE FROM evidence_control WHERE evidence_id = ?::uuid", gone);
        TestData.update(db, "DELETE FROM evidence WHERE id = ?::uuid", gone);
        verify(removed)
                .body("valid", equalTo(false))
                .body("firstBroken.sequence", equalTo(1))
                .body("firstBroken.evidenceId", equalTo(gone))
                .body("firstBroken.reason", equalTo("evidence row missing"));
    }

    @Test
    void aRewrittenChainIsCaughtByTheSignedCheckpoint() {
        String tenant = "acme-rewrite";
        String id = TestData.record(tenant, "one", List.of("mfa"), null);
        checkpoint(tenant);
        // An attacker with database access changes the collector everywhere and relinks the whole chain.
        TestData.update(db, "UPDATE ledger_entry SET actor = 'mallory' WHERE tenant = ? AND sequence = 1", tenant);
        TestData.update(db, "UPDATE evidence SET collector_subject = 'mallory' WHERE id = ?::uuid", id);
        ChainForgery.relink(db, tenant);

        verify(tenant)
                .body("valid", equalTo(false))
                .body("firstBroken.sequence", equalTo(1))
                .body("firstBroken.reason", equalTo("chain differs from the signed checkpoint"));
    }

    @Test
    void aCheckpointReSignedWithAnotherKeyIsNotTrusted() {
        String tenant = "acme-forged-checkpoint";
        String id = TestData.record(tenant, "one", List.of("mfa"), null);
        JsonPath stored = checkpoint(tenant);
        TestData.update(db, "UPDATE ledger_entry SET actor = 'mallory' WHERE tenant = ? AND sequence = 1", tenant);
        TestData.update(db, "UPDATE evidence SET collector_subject = 'mallory' WHERE id = ?::uuid", id);
        ChainForgery.relink(db, tenant);

        // ... then re-signs the checkpoint of the rewritten head with a key of their own, stored beside it.
        ChainForgery.resign(db, tenant, stored.getString("id"), Instant.parse(stored.getString("signedAt")));

        verify(tenant)
                .body("valid", equalTo(false))
                .body("firstBroken.sequence", equalTo(1))
                .body("firstBroken.reason", equalTo("checkpoint signed by a key that is not trusted"));
    }

    @Test
    void aDeletedCheckpointIsMissedByTheChain() {
        String tenant = "acme-deleted-checkpoint";
        TestData.record(tenant, "one", List.of("mfa"), null);
        checkpoint(tenant);
        TestData.record(tenant, "two", List.of("mfa"), null);
        verify(tenant).body("valid", equalTo(true)).body("checkpointsChecked", equalTo(1));

        TestData.update(db, "DELETE FROM ledger_checkpoint WHERE tenant = ?", tenant);

        verify(tenant)
                .body("valid", equalTo(false))
                .body("firstBroken.sequence", equalTo(1))
                .body("firstBroken.reason", equalTo("checkpoint row missing"));
    }

    @Test
    void theConfigSignerAsksVaultServiceNothingUnlessACheckpointNamesIt() {
        String tenant = "acme-config-witness";
        TestData.record(tenant, "one", List.of("mfa"), null);
        checkpoint(tenant);
        int keyRequests = UpstreamStubs.PUBLIC_KEY_REQUESTS.get();

        verify(tenant).body("valid", equalTo(true)).body("witnessedCheckpointsChecked", nullValue());
        assertEquals(keyRequests, UpstreamStubs.PUBLIC_KEY_REQUESTS.get());
        assertTrue(witnessPages(tenant).isEmpty(), "the config signer's verification does not call vault-service");

        // a checkpoint row that says vault-service signed it makes vault-service's witness the reference
        TestData.update(db, "UPDATE ledger_checkpoint SET signer = 'vault-service' WHERE tenant = ?", tenant);
        verify(tenant)
                .body("valid", equalTo(false))
                .body("witnessedCheckpointsChecked", equalTo(0))
                .body("firstBroken.reason", equalTo("checkpoint row differs from its ledger entry"));
        assertEquals(List.of(tenant + " 1 0"), witnessPages(tenant));
    }

    private static List<String> witnessPages(String tenant) {
        return UpstreamStubs.WITNESS_PAGE_REQUESTS.stream()
                .filter(r -> r.startsWith(tenant + " "))
                .toList();
    }

    @Test
    void anAlteredCheckpointDiffersFromItsLedgerEntry() {
        for (String change : List.of(
                "head_hash = repeat('a', 64)",
                "signature = 'AAAA' || substr(signature, 5)",
                "signed_at = signed_at - interval '1 day'",
                "key_id = 'ed25519:0000000000000000'")) {
            String tenant = "acme-altered-checkpoint-" + Math.abs(change.hashCode());
            TestData.record(tenant, "one", List.of("mfa"), null);
            checkpoint(tenant);

            TestData.update(db, "UPDATE ledger_checkpoint SET " + change + " WHERE tenant = ?", tenant);

            verify(tenant)
                    .body("valid", equalTo(false))
                    .body("firstBroken.sequence", equalTo(1))
                    .body("firstBroken.reason", equalTo("checkpoint row differs from its ledger entry"));
        }
    }

    @Test
    void aCheckpointStatementChangedWithSqlNoLongerMatchesItsRow() {
        String tenant = "acme-altered-statement";
        TestData.record(tenant, "one", List.of("mfa"), null);
        checkpoint(tenant);
        TestData.update(
                db,
                "UPDATE ledger_checkpoint SET signed_payload = replace(signed_payload, 'ledger-checkpoint/v1',"
                        + " 'ledger-checkpoint/v2') WHERE tenant = ?",
                tenant);
        verify(tenant)
                .body("valid", equalTo(false))
                .body("firstBroken.reason", equalTo("checkpoint row differs from its signed payload"));
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
                .body("signedPayload", containsString("\"type\":\"ledger-checkpoint/v1\""))
                .extract()
                .jsonPath();
        TestData.record(tenant, "after the checkpoint", List.of("mfa"), null);

        JsonPath export = given().auth()
                .oauth2(TestData.auditor(tenant))
                .when()
                .get("/api/v1/ledger/export")
                .then()
                .statusCode(200)
                .body("headSequence", equalTo(4))
                .body("entries.size()", equalTo(4))
                .body("entries.event", contains("created", "reviewed", "checkpoint", "created"))
                .body("checkpoints.size()", equalTo(1))
                .extract()
                .jsonPath();

        // What an auditor does offline with the export alone: relink every entry, then check the signature.
        String previous = HashChain.GENESIS;
        List<Map<String, Object>> entries = export.getList("entries");
        for (Map<String, Object> entry : entries) {
            assertEquals(previous, entry.get("previousHash"));
            Map<String, Object> fields = new HashMap<>();
            fields.put("tenant", tenant);
            for (String name : List.of("event", "evidenceId", "contentSha256", "actor", "occurredAt", "details")) {
                fields.put(name, entry.get(name));
            }
            String canonical = HashChain.canonicalJson(fields);
            assertEquals(entry.get("canonical"), canonical);
            String hash = HashChain.sha256Hex(
                    (previous + "\n" + entry.get("sequence") + "\n" + canonical).getBytes(StandardCharsets.UTF_8));
            assertEquals(entry.get("hash"), hash);
            previous = hash;
        }
        // The statement is rebuilt from the checkpoint's fields, so the signature covers them and nothing else.
        String payload = checkpoint.getString("signedPayload");
        assertEquals(
                HashChain.canonicalJson(Map.of(
                        "type",
                        "ledger-checkpoint/v1",
                        "tenant",
                        tenant,
                        "sequence",
                        2,
                        "headHash",
                        entries.get(1).get("hash"),
                        "signedAt",
                        checkpoint.getString("signedAt"))),
                payload);
        // The key comes from the auditor's own copy of the deployment's public key, never from the export.
        String trustedPem = new String(
                getClass()
                        .getClassLoader()
                        .getResourceAsStream("checkpoint-keys/public.pem")
                        .readAllBytes(),
                StandardCharsets.UTF_8);
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(KeyFactory.getInstance("Ed25519")
                .generatePublic(new X509EncodedKeySpec(
                        Base64.getDecoder().decode(trustedPem.replaceAll("-----[A-Z ]+-----|\\s", "")))));
        verifier.update(payload.getBytes(StandardCharsets.UTF_8));
        assertTrue(verifier.verify(Base64.getDecoder().decode(checkpoint.getString("signature"))));
        // The chain's checkpoint entry names the checkpoint, so deleting or changing it is seen in the chain itself.
        JsonPath recorded = JsonPath.from((String) entries.get(2).get("details"));
        assertEquals(checkpoint.getString("id"), recorded.getString("checkpointId"));
        assertEquals(2, recorded.getInt("sequence"));
        assertEquals(entries.get(1).get("hash"), recorded.getString("headHash"));
        assertEquals(
                HashChain.sha256Hex(checkpoint.getString("signature").getBytes(StandardCharsets.UTF_8)),
                recorded.getString("signatureSha256"));

        verifyLedger(tenant).body("valid", equalTo(true)).body("checkpointsChecked", equalTo(1));
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
        // the checkpoint's own entry is no growth: the next period has nothing new to sign for this tenant
        checkpoints.runDue(now.plus(Duration.ofHours(1)));
        assertEquals(before + 1, count(db, "SELECT count(*) FROM ledger_checkpoint WHERE tenant = ?", tenant));
        TestData.record(tenant, "two", List.of("mfa"), null);
        checkpoints.runDue(now.plus(Duration.ofHours(2)));
        assertEquals(before + 2, count(db, "SELECT count(*) FROM ledger_checkpoint WHERE tenant = ?", tenant));
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
    void anEvidenceCollectorMaySignACheckpoint() {
        String tenant = "acme-collector-checkpoint";
        TestData.record(tenant, "one", List.of("mfa"), null);
        given().auth()
                .oauth2(TestTokens.token(tenant, "evidence-collector"))
                .when()
                .post("/api/v1/ledger/checkpoints")
                .then()
                .statusCode(201);
    }

    @Test
    void refusesBadTokens() {
        TokenMatrix.assertRefusals(
                TokenMatrix::bearer, "GET", "/api/v1/ledger/verify", "acme", "auditor", "evidence-collector");
        TokenMatrix.assertRefusals(
                TokenMatrix::bearer, "POST", "/api/v1/ledger/checkpoints", "acme", "compliance-manager", "auditor");
        TokenMatrix.assertRefusals(
                TokenMatrix::bearer, "GET", "/api/v1/ledger/checkpoints", "acme", "auditor", "evidence-collector");
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

    private static ValidatableResponse verify(String tenant) {
        return verifyLedger(tenant).statusCode(200);
    }

    /** Evidence with every optional field set: description, period covered, requirement. */
    private static String withPeriod(String tenant) {
        return given().auth()
                .oauth2(TestData.manager(tenant))
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "title", "with period",
                        "description", "quarter three",
                        "controlIds", List.of("mfa"),
                        "requirementRefs", List.of("pci-dss-4.0.1:8.4.2"),
                        "periodStart", "2026-07-01",
                        "periodEnd", "2026-09-30",
                        "record", Map.of("reviewed", 3)))
                .when()
                .post("/api/v1/evidence")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }
}
