package org.compliancesuite.evidence.ledger;

import java.time.Instant;

/**
 * The outcome of recomputing a tenant's chain, replaying its evidence events against the evidence rows, rehashing
 * stored contents, checking checkpoints against trusted keys and the chain against the checkpoints vault-service
 * witnessed. {@code firstBroken} is the lowest sequence whose entry, evidence row, content or checkpoint does not
 * match, or null when everything matches. {@code witnessedCheckpointsChecked} is null when vault-service was not asked
 * (the {@code config} signer, and no checkpoint signed by vault-service).
 */
public record LedgerVerification(
        boolean valid,
        long entriesChecked,
        long contentsChecked,
        int checkpointsChecked,
        long headSequence,
        String headHash,
        BrokenEntry firstBroken,
        Instant verifiedAt,
        long evidenceChecked,
        Integer witnessedCheckpointsChecked) {

    /**
     * @param sequence the entry that records what is contradicted: for an evidence row, the entry that last set the
     *     field; for a checkpoint, the sequence it signed; 0 for an evidence row that has no entry at all
     * @param field for an evidence row that differs from its events, the first field that differs (e.g. {@code
     *     retainUntil}, {@code controlIds}); null otherwise
     */
    public record BrokenEntry(long sequence, String evidenceId, String reason, String field) {

        BrokenEntry(long sequence, String evidenceId, String reason) {
            this(sequence, evidenceId, reason, null);
        }
    }
}
