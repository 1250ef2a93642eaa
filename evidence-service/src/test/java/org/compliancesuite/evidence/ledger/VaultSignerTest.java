package org.compliancesuite.evidence.ledger;

import static io.restassured.RestAssured.given;
import static org.compliancesuite.evidence.TestData.count;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
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
            given().auth()
                    .oauth2(TestData.auditor(tenant))
                    .when()
                    .get("/api/v1/ledger/verify")
                    .then()
                    .statusCode(200)
                    .body("valid", equalTo(true))
                    .body("checkpointsChecked", equalTo(1));
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
        JsonPath stored = given().auth()
                .oauth2(TestData.manager(tenant))
                .when()
                .post("/api/v1/ledger/checkpoints")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        TestData.update(db, "UPDATE ledger_entry SET actor = 'mallory' WHERE tenant = ? AND sequence = 1", tenant);
        TestData.update(db, "UPDATE evidence SET collector_subject = 'mallory' WHERE id = ?::uuid", id);
        ChainForgery.relink(db, tenant);
        ChainForgery.resign(db, tenant, stored.getString("id"), Instant.parse(stored.getString("signedAt")));

        given().auth()
                .oauth2(TestData.auditor(tenant))
                .when()
                .get("/api/v1/ledger/verify")
                .then()
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
        given().auth()
                .oauth2(TestData.auditor(tenant))
                .when()
                .get("/api/v1/ledger/verify")
                .then()
                .statusCode(200)
                .body("firstBroken.reason", equalTo("checkpoint signed by a key that is not trusted"));
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
