package org.compliancesuite.evidence.ledger;

import static io.restassured.RestAssured.given;
import static org.compliancesuite.evidence.TestData.count;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
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
    void checkpointsOnDemandAreSignedByVaultServiceAndVerify() {
        String tenant = "acme-vault";
        TestData.record(tenant, "one", List.of("mfa"), null);
        given().auth()
                .oauth2(TestData.manager(tenant))
                .when()
                .post("/api/v1/ledger/checkpoints")
                .then()
                .statusCode(201)
                .body("signer", equalTo("vault-service"))
                .body("keyId", equalTo("evidence-checkpoint:1"))
                .body("signature", startsWith("vault:v1:"))
                .body("publicKeyPem", startsWith("-----BEGIN PUBLIC KEY-----"));
        given().auth()
                .oauth2(TestData.auditor(tenant))
                .when()
                .get("/api/v1/ledger/verify")
                .then()
                .body("valid", equalTo(true))
                .body("checkpointsChecked", equalTo(1));
    }

    @Test
    void scheduledJobsCallOtherServicesWithTheServiceToken() {
        String tenant = VaultSignerProfile.SERVICE_TENANT;
        UpstreamStubs.AUTHORIZATIONS.clear();
        List<MonitorRun> runs = monitors.runDue(Instant.parse("2032-01-01T00:00:00Z"));

        assertEquals(2, runs.size());
        for (MonitorRun run : runs) {
            assertEquals(tenant, run.tenant);
            assertNotNull(run.evidenceId, run.monitor + " stored no evidence");
        }
        assertTrue(UpstreamStubs.AUTHORIZATIONS.stream().allMatch(a -> a.startsWith("Bearer ey")));
        assertEquals(
                2,
                count(
                        db,
                        "SELECT count(*) FROM evidence WHERE tenant = ? AND source = 'monitor'"
                                + " AND collector_subject = 'evidence-service'",
                        tenant));

        assertTrue(checkpoints.runDue(Instant.parse("2032-01-01T00:00:00Z")) >= 1);
        assertEquals(
                "vault-service",
                TestData.rows(db, "SELECT signer FROM ledger_checkpoint WHERE tenant = ?", tenant)
                        .getFirst()
                        .getFirst());
    }
}
