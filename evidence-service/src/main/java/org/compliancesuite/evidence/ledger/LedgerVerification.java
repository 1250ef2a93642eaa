package org.compliancesuite.evidence.ledger;

import java.time.Instant;

/**
 * The outcome of recomputing a tenant's chain and stored contents. {@code firstBroken} is the lowest sequence whose
 * entry, link or content does not match, or null when everything matches.
 */
public record LedgerVerification(
        boolean valid,
        long entriesChecked,
        long contentsChecked,
        int checkpointsChecked,
        long headSequence,
        String headHash,
        BrokenEntry firstBroken,
        Instant verifiedAt) {

    public record BrokenEntry(long sequence, String evidenceId, String reason) {}
}
