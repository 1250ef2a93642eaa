package org.compliancesuite.evidence.ledger;

import static io.restassured.RestAssured.given;
import static org.compliancesuite.evidence.TestData.checkpoint;
import static org.compliancesuite.evidence.TestData.count;
import static org.compliancesuite.evidence.TestData.verifyLedger;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.compliancesuite.common.testing.TestTokens;
import org.compliancesuite.evidence.TestData;
import org.compliancesuite.evidence.UpstreamStubs;
import org.compliancesuite.evidence.monitor.MonitorRun;
import org.compliancesuite.evidence.monitor.MonitorSchedule;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(VaultSignerProfile.class)
class VaultSignerTest {

    @Inject
    AgroalDataSource db;

    @Inject
    Checkpoints checkpoints;

    @Inject
    MonitorSchedule monitors;

    @Test
    void checkpointsOnDemandAreSignedByVaultServiceAndVerifyWithItsPublicKey() {
        String tenant = "acme-vault";
        TestData.record(tenant, "one", List.of("mfa"), null);
        int refusals = UpstreamStubs.SIGNING_REFUSALS.get();
        given().auth()
                .oauth2(TestData.manager(tenant))
                .when()
                .post("/api/v1/ledger/checkpoints")
                .then()
                .statusCode(201)
                .body("signer", equalTo("vault-service"))
                .body("keyId", equalTo("evidence-checkpoint:1"))
                .body("signature", startsWith("vault:v1:"))
                .body("signedPayload", containsString("\"type\":\"ledger-checkpoint/v1\""))
                .body("publicKeyPem", startsWith("-----BEGIN PUBLIC KEY-----"));
        // the stub signs, like vault-service, only a canonical checkpoint statement of the caller's tenant
        assertEquals(refusals, UpstreamStubs.SIGNING_REFUSALS.get());

        int keyRequests = UpstreamStubs.PUBLIC_KEY_REQUESTS.get();
        for (int i = 0; i < 2; i++) {
            verifyLedger(tenant).statusCode(200).body("valid", equalTo(true)).body("checkpointsChecked", equalTo(1));
        }
        assertEquals(keyRequests, UpstreamStubs.PUBLIC_KEY_REQUESTS.get(), "the key of a version is cached");
    }

    @Test
    void anEvidenceCollectorMaySignThroughVaultService() {
        String tenant = "acme-vault-collector";
        TestData.record(tenant, "one", List.of("mfa"), null);
        given().auth()
                .oauth2(TestTokens.token(tenant, "evidence-collector"))
                .when()
                .post("/api/v1/ledger/checkpoints")
                .then()
                .statusCode(201)
                .body("signer", equalTo("vault-service"));
    }

    @Test
    void aVaultCheckpointReSignedWithAnotherKeyIsNotTrusted() {
        String tenant = "acme-vault-forged";
        String id = TestData.record(tenant, "one", List.of("mfa"), null);
        JsonPath stored = checkpoint(tenant);
        TestData.update(db, "UPDATE ledger_entry SET actor = 'mallory' WHERE tenant = ? AND sequence = 1", tenant);
        TestData.update(db, "UPDATE evidence SET collector_subject = 'mallory' WHERE id = ?::uuid", id);
        ChainForgery.relink(db, tenant);
        ChainForgery.resign(db, tenant, stored.getString("id"), Instant.parse(stored.getString("signedAt")));

        verifyLedger(tenant)
                .statusCode(200)
                .body("valid", equalTo(false))
                .body("firstBroken.sequence", equalTo(1))
                .body("firstBroken.reason", equalTo("checkpoint signed by a key that is not trusted"));

        // a key version vault-service does not know vouches for nothing either
        TestData.update(db, "UPDATE ledger_checkpoint SET key_id = 'evidence-checkpoint:7' WHERE tenant = ?", tenant);
        TestData.update(
                db,
                "UPDATE ledger_entry SET details = replace(details, 'evidence-checkpoint:1', 'evidence-checkpoint:7')"
                        + " WHERE tenant = ? AND event = 'checkpoint'",
                tenant);
        ChainForgery.relink(db, tenant);
        verifyLedger(tenant)
                .statusCode(200)
                .body("firstBroken.reason", equalTo("checkpoint signed by a key that is not trusted"));
    }

    @Test
    void aCleanLedgerAgreesWithEveryCheckpointVaultServiceWitnessed() {
        String tenant = "acme-witness-clean";
        for (int i = 0; i < 3; i++) {
            TestData.record(tenant, "item " + i, List.of("mfa"), null);
            checkpoint(tenant);
        }

        verifyLedger(tenant)
                .statusCode(200)
                .body("valid", equalTo(true))
                .body("checkpointsChecked", equalTo(3))
                .body("witnessedCheckpointsChecked", equalTo(3));
        // checkpoints at 1, 3 and 5 take two pages of at most two; the second starts after the first page's last
        assertEquals(
                List.of(tenant + " 1 0", tenant + " 4 0"),
                UpstreamStubs.WITNESS_PAGE_REQUESTS.stream()
                        .filter(r -> r.startsWith(tenant + " "))
                        .toList());
    }

    @Test
    void entriesCutOffTheEndWithTheirCheckpointsAreFound() {
        String tenant = "acme-witness-truncated";
        TestData.record(tenant, "one", List.of("mfa"), null);
        checkpoint(tenant);
        TestData.record(tenant, "two", List.of("mfa"), null);
        checkpoint(tenant);
        String last = TestData.record(tenant, "three", List.of("mfa"), null);
        checkpoint(tenant);
        verifyLedger(tenant).statusCode(200).body("valid", equalTo(true));

        // the last evidence and its checkpoint are removed everywhere in the database, the head moved back to entry 4:
        // what is left is a consistent chain whose last checkpoint (at 3, entry 4) still holds
        TestData.update(db, "DELETE FROM ledger_checkpoint WHERE tenant = ? AND sequence >= 5", tenant);
        TestData.update(db, "DELETE FROM ledger_entry WHERE tenant = ? AND sequence > 4", tenant);
        TestData.update(db, "DELETE FROM evidence_control WHERE evidence_id = ?::uuid", last);
        TestData.update(db, "DELETE FROM evidence WHERE id = ?::uuid", last);
        TestData.update(
                db,
                "UPDATE ledger_head SET sequence = 4, head_hash = ? WHERE tenant = ?",
                ChainForgery.hashAt(db, tenant, 4),
                tenant);

        verifyLedger(tenant)
                .statusCode(200)
                .body("valid", equalTo(false))
                .body("headSequence", equalTo(4))
                .body("firstBroken.sequence", equalTo(5))
                .body(
                        "firstBroken.reason",
                        equalTo("vault-service witnessed a checkpoint at sequence 5 beyond the chain's head: entries"
                                + " removed from the end"));
    }

    @Test
    void aChainRewrittenBelowAWitnessedCheckpointIsFound() {
        String tenant = "acme-witness-rewritten";
        String first = TestData.record(tenant, "one", List.of("mfa"), null);
        checkpoint(tenant);
        TestData.record(tenant, "two", List.of("mfa"), null);
        checkpoint(tenant);

        // the first collector is changed, every checkpoint and its entry removed, the later entry renumbered, the
        // chain relinked ...
        TestData.update(db, "UPDATE ledger_entry SET actor = 'mallory' WHERE tenant = ? AND sequence = 1", tenant);
        TestData.update(db, "UPDATE evidence SET collector_subject = 'mallory' WHERE id = ?::uuid", first);
        TestData.update(db, "DELETE FROM ledger_checkpoint WHERE tenant = ?", tenant);
        TestData.update(db, "DELETE FROM ledger_entry WHERE tenant = ? AND event = 'checkpoint'", tenant);
        TestData.update(db, "UPDATE ledger_entry SET sequence = 2 WHERE tenant = ? AND sequence = 3", tenant);
        TestData.update(db, "UPDATE ledger_head SET sequence = 2 WHERE tenant = ?", tenant);
        ChainForgery.relink(db, tenant);
        // ... and the new head is signed by vault-service, which never signed sequence 2 before
        assertEquals(2, checkpoint(tenant).getInt("sequence"));

        verifyLedger(tenant)
                .statusCode(200)
                .body("valid", equalTo(false))
                .body("checkpointsChecked", equalTo(1))
                .body("firstBroken.sequence", equalTo(1))
                .body("firstBroken.reason", equalTo("chain differs from a checkpoint vault-service witnessed"));

        // the head is at 3 now, a sequence vault-service signed with the old chain: it signs no other head there
        given().auth()
                .oauth2(TestData.manager(tenant))
                .when()
                .post("/api/v1/ledger/checkpoints")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("another head hash"));
    }

    @Test
    void aWitnessedCheckpointWhoseRowIsGoneIsFound() {
        String tenant = "acme-witness-row-gone";
        TestData.record(tenant, "one", List.of("mfa"), null);
        checkpoint(tenant);
        TestData.record(tenant, "two", List.of("mfa"), null);
        checkpoint(tenant);
        // the last checkpoint (at 3) is removed with its ledger entry (4) and the head moved back to 3: the chain and
        // the remaining checkpoint are consistent, and no entry the witness signed is missing
        TestData.update(db, "DELETE FROM ledger_checkpoint WHERE tenant = ? AND sequence = 3", tenant);
        TestData.update(db, "DELETE FROM ledger_entry WHERE tenant = ? AND sequence = 4", tenant);
        TestData.update(
                db,
                "UPDATE ledger_head SET sequence = 3, head_hash = ? WHERE tenant = ?",
                ChainForgery.hashAt(db, tenant, 3),
                tenant);

        verifyLedger(tenant)
                .statusCode(200)
                .body("valid", equalTo(false))
                .body("checkpointsChecked", equalTo(1))
                .body("firstBroken.sequence", equalTo(3))
                .body("firstBroken.reason", equalTo("vault-service signed a checkpoint the ledger does not hold"));
    }

    @Test
    void verificationAnswers503WhileVaultServiceIsUnreachable() {
        String tenant = "acme-witness-unreachable";
        TestData.record(tenant, "one", List.of("mfa"), null);
        checkpoint(tenant);
        // the public key of the signing version is cached now: the witness is all vault-service is asked below
        verifyLedger(tenant).statusCode(200).body("valid", equalTo(true));

        UpstreamStubs.VAULT_UNREACHABLE = true;
        try {
            verifyLedger(tenant)
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", notNullValue())
                    .body("detail", containsString("vault-service"));
        } finally {
            UpstreamStubs.VAULT_UNREACHABLE = false;
        }
        verifyLedger(tenant).statusCode(200).body("valid", equalTo(true));
    }

    @Test
    void scheduledJobsUseTheTokenFileAndTheRotatedTokenAfterIt() throws Exception {
        String tenant = VaultSignerProfile.SERVICE_TENANT;
        String fileToken = Files.readString(VaultSignerProfile.TOKEN_FILE).strip();
        TestData.record(VaultSignerProfile.IGNORED_TENANT, "another tenant's chain", List.of("mfa"), null);
        UpstreamStubs.AUTHORIZATIONS.clear();
        List<MonitorRun> runs = monitors.runDue(Instant.parse("2032-01-01T00:00:00Z"));

        assertEquals(2, runs.size());
        for (MonitorRun run : runs) {
            assertEquals(tenant, run.tenant, "SERVICE_TOKEN_FILE wins over SERVICE_TOKEN");
            assertNotNull(
                    run.evidenceId,
                    run.monitor + " stored no evidence: " + run.findings
                            + UpstreamStubs.AUTHORIZATIONS.stream()
                                    .map(a -> a.length() > 20 ? a.substring(0, 20) : a)
                                    .toList());
        }
        assertTrue(!UpstreamStubs.AUTHORIZATIONS.isEmpty()
                && UpstreamStubs.AUTHORIZATIONS.stream().allMatch(a -> a.equals("Bearer " + fileToken)));
        assertEquals(
                2,
                count(
                        db,
                        "SELECT count(*) FROM evidence WHERE tenant = ? AND source = 'monitor'"
                                + " AND collector_subject = 'evidence-service'",
                        tenant));

        // vault-service signs with the caller's tenant key: only the service token's own tenant is signed on a
        // schedule, and the others are named in the log
        assertTrue(checkpoints.runDue(Instant.parse("2032-01-01T00:00:00Z")) >= 1);
        assertEquals(
                "vault-service",
                TestData.rows(db, "SELECT signer FROM ledger_checkpoint WHERE tenant = ?", tenant)
                        .getFirst()
                        .getFirst());
        assertEquals(
                0,
                count(
                        db,
                        "SELECT count(*) FROM ledger_checkpoint WHERE tenant = ?",
                        VaultSignerProfile.IGNORED_TENANT));
        String log = Files.readString(Path.of("target/evidence-test.log"));
        assertTrue(log.contains("scheduled ledger checkpoints skipped for tenants ["), "skipped tenants are logged");
        assertTrue(log.contains(VaultSignerProfile.IGNORED_TENANT));
        assertTrue(log.contains("scheduled monitors ran for tenant " + tenant + " only"));

        // the file is rotated: the next scheduled call carries the new token without a restart
        String rotated = VaultSignerProfile.serviceToken();
        VaultSignerProfile.writeToken(rotated);
        UpstreamStubs.AUTHORIZATIONS.clear();
        monitors.runDue(Instant.parse("2032-02-01T00:00:00Z"));
        assertTrue(!UpstreamStubs.AUTHORIZATIONS.isEmpty()
                && UpstreamStubs.AUTHORIZATIONS.stream().allMatch(a -> a.equals("Bearer " + rotated)));
    }
}
