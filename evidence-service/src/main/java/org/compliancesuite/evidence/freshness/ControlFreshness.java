package org.compliancesuite.evidence.freshness;

import java.time.Instant;

/** Freshness of one control, exactly as the service contract states it. */
public record ControlFreshness(
        String controlId,
        String evidenceFrequency,
        String latestAcceptedEvidenceId,
        Instant latestAcceptedCollectedAt,
        Instant freshUntil,
        boolean fresh,
        long acceptedCount,
        long rejectedCount,
        long pendingCount) {}
