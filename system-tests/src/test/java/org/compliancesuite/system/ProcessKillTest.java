package org.compliancesuite.system;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * SIGKILL of evidence-service and vault-service in the middle of concurrent writes: after {@code ./suite up} starts
 * them again, every write they acknowledged is there and both hash chains verify.
 */
@Order(30)
class ProcessKillTest {

    static final String TENANT = "fault-kill";

    @Test
    void acknowledgedWritesSurviveSigkillAndChainsVerify() throws Exception {
        RunningSuite suite = RunningSuite.get();
        String collector = suite.token(TENANT, "evidence-collector");
        String encryptor = suite.token(TENANT, "phi-encryptor");
        String reader = suite.token(TENANT, "phi-reader");
        String officer = suite.token(TENANT, "security-officer", "auditor");
        String evidence = RunningSuite.baseUrl("evidence");
        String vault = RunningSuite.baseUrl("vault");

        Writers writers = new Writers(8, TENANT, collector, encryptor, List.of(evidence), List.of(vault));
        try {
            writers.awaitAcknowledged(40, 60);
            suite.kill("evidence");
            suite.kill("vault");
            Thread.sleep(500);
        } finally {
            writers.close();
        }
        int acknowledgedEvidence = writers.evidence.size();
        int acknowledgedEncryptions = writers.encryptions.size();
        assertTrue(
                acknowledgedEvidence >= 40 && acknowledgedEncryptions >= 40,
                "writes were acknowledged before" + " the kill: " + acknowledgedEvidence + " evidence, "
                        + acknowledgedEncryptions + " encryptions");
        assertTrue(writers.statuses.contains(-1), "some writes were in flight when the processes died");

        suite.restart();

        for (Writers.Evidence e : writers.evidence) {
            Api.as(collector)
                    .get(evidence + "/api/v1/evidence/" + e.id())
                    .then()
                    .statusCode(200)
                    .body("title", equalTo(e.title()));
        }
        Api.verifyLedger(evidence, officer)
                .then()
                .statusCode(200)
                .body("valid", equalTo(true))
                .body("entriesChecked", greaterThan(acknowledgedEvidence - 1));

        // Every acknowledged encryption, not a sample: each one decrypts and has its audit records.
        for (Writers.Encryption e : writers.encryptions) {
            String plaintext = Api.decrypt(vault, reader, e.ciphertext(), "treatment")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("plaintext");
            assertEquals(e.plaintext(), Api.unb64(plaintext));
            // The encryption that was acknowledged before the kill has its durable audit record.
            Api.auditByDataSubject(vault, officer, e.dataSubject())
                    .then()
                    .statusCode(200)
                    .body("total", greaterThan(1))
                    .body("items.result", hasItem("allowed"));
        }
        Api.verifyAudit(vault, officer).then().statusCode(200).body("valid", equalTo(true));
    }
}
