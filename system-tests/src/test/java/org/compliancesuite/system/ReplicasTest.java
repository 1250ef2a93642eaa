package org.compliancesuite.system;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Two replicas each of evidence-service and vault-service on one database take concurrent writes for one tenant:
 * both hash chains verify through either replica and the sequence numbers have no gap and no duplicate.
 */
@Order(33)
class ReplicasTest {

    static final String TENANT = "replicas";
    static final int EVIDENCE_REPLICA_PORT = 9192;
    static final int VAULT_REPLICA_PORT = 9193;

    @Test
    void chainsStayWholeWithTwoReplicasOnOneDatabase() throws Exception {
        RunningSuite suite = RunningSuite.get();
        String token =
                suite.token(TENANT, "evidence-collector", "phi-encryptor", "phi-reader", "security-officer", "auditor");
        Path logs = suite.state().resolve("logs");
        try (ServiceProcess evidence2 = ServiceProcess.start(
                        "evidence-service replica",
                        suite.jar("evidence"),
                        EVIDENCE_REPLICA_PORT,
                        suite.serviceEnv("evidence"),
                        logs.resolve("evidence-replica.log"));
                ServiceProcess vault2 = ServiceProcess.start(
                        "vault-service replica",
                        suite.jar("vault"),
                        VAULT_REPLICA_PORT,
                        suite.serviceEnv("vault"),
                        logs.resolve("vault-replica.log"))) {
            List<String> evidenceUrls = List.of(RunningSuite.baseUrl("evidence"), evidence2.baseUrl());
            List<String> vaultUrls = List.of(RunningSuite.baseUrl("vault"), vault2.baseUrl());
            Writers writers = new Writers(16, TENANT, token, token, evidenceUrls, vaultUrls);
            try {
                writers.awaitAcknowledged(150, 120);
            } finally {
                writers.close();
            }
            assertTrue(
                    writers.statuses.stream().allMatch(s -> s >= 200 && s < 300),
                    "every concurrent write succeeded: "
                            + writers.statuses.stream().distinct().toList());

            for (String url : evidenceUrls) {
                Api.verifyLedger(url, token).then().statusCode(200).body("valid", equalTo(true));
            }
            for (String url : vaultUrls) {
                Api.verifyAudit(url, token).then().statusCode(200).body("valid", equalTo(true));
            }
            long created = gapless("evidence", "ledger_entry", "event = 'created'");
            assertEquals(writers.evidence.size(), created, "one ledger entry per acknowledged evidence");
            long audited = gapless("vault", "phi_access_record", "true");
            assertTrue(audited >= writers.encryptions.size(), "an audit record per acknowledged encryption");
        }
    }

    /**
     * Asserts the tenant's sequences run 1..n with no gap or duplicate, and answers how many rows match
     * {@code filter}.
     */
    private static long gapless(String service, String table, String filter) throws Exception {
        try (Connection c = RunningSuite.db(service);
                PreparedStatement s = c.prepareStatement("SELECT count(*), count(DISTINCT sequence), min(sequence),"
                        + " max(sequence), count(*) FILTER (WHERE " + filter + ") FROM " + table
                        + " WHERE tenant = ?")) {
            s.setString(1, TENANT);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                long count = rs.getLong(1);
                assertTrue(count > 0, table + " has entries");
                assertEquals(count, rs.getLong(2), table + ": no sequence number used twice");
                assertEquals(1, rs.getLong(3), table + ": starts at 1");
                assertEquals(count, rs.getLong(4), table + ": no gap");
                return rs.getLong(5);
            }
        }
    }
}
