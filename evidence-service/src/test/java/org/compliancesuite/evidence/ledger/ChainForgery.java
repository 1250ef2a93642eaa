package org.compliancesuite.evidence.ledger;

import io.agroal.api.AgroalDataSource;
import java.util.List;
import java.util.UUID;
import org.compliancesuite.common.chain.HashChain;
import org.compliancesuite.evidence.TestData;

/**
 * What an attacker with write access to the database can do to hide a change: recompute every entry's hash and the
 * head, so that the chain alone is consistent again. Tests use it to show what still catches the change.
 */
final class ChainForgery {

    private ChainForgery() {}

    /** Relinks the tenant's whole chain from the stored columns and moves the head to the new last hash. */
    static void relink(AgroalDataSource db, String tenant) {
        List<List<Object>> rows = TestData.rows(
                db,
                "SELECT sequence, event, evidence_id::text, content_sha256, actor, occurred_at, details"
                        + " FROM ledger_entry WHERE tenant = ? ORDER BY sequence",
                tenant);
        String previous = HashChain.GENESIS;
        for (List<Object> row : rows) {
            long sequence = ((Number) row.get(0)).longValue();
            LedgerEvent event = new LedgerEvent(
                    tenant,
                    (String) row.get(1),
                    row.get(2) == null ? null : UUID.fromString((String) row.get(2)),
                    (String) row.get(3),
                    (String) row.get(4),
                    (String) row.get(5),
                    (String) row.get(6));
            String hash = HashChain.link(previous, sequence, event.canonical());
            TestData.update(
                    db,
                    "UPDATE ledger_entry SET previous_hash = ?, hash = ? WHERE tenant = ? AND sequence = ?",
                    previous,
                    hash,
                    tenant,
                    sequence);
            previous = hash;
        }
        TestData.update(db, "UPDATE ledger_head SET head_hash = ? WHERE tenant = ?", previous, tenant);
    }

    static String hashAt(AgroalDataSource db, String tenant, long sequence) {
        return (String)
                TestData.rows(db, "SELECT hash FROM ledger_entry WHERE tenant = ? AND sequence = ?", tenant, sequence)
                        .getFirst()
                        .getFirst();
    }
}
