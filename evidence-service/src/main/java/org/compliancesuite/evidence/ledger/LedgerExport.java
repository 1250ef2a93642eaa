package org.compliancesuite.evidence.ledger;

import java.util.List;

/**
 * A range of a tenant's chain with the checkpoints that cover it, for offline verification: {@code hash} is SHA-256
 * hex of {@code previousHash + "\n" + sequence + "\n" + canonical}, and {@code canonical} is rebuilt from the other
 * fields as sorted-key compact JSON. Each checkpoint has a {@code checkpoint} entry after the head it signed, whose
 * details name its id, sequence, head hash and the SHA-256 of its signature.
 */
public record LedgerExport(
        String tenant,
        long fromSequence,
        long toSequence,
        long headSequence,
        String hashRule,
        List<Entry> entries,
        List<CheckpointView> checkpoints) {

    public record Entry(
            long sequence,
            String event,
            String evidenceId,
            String contentSha256,
            String actor,
            String occurredAt,
            String details,
            String previousHash,
            String hash,
            String canonical) {}
}
