package org.compliancesuite.evidence.item;

import java.time.Instant;
import java.util.List;

/** One line of the evidence list, exactly as the service contract states it. */
public record EvidenceSummary(
        String id,
        String title,
        List<String> controlIds,
        List<String> requirementRefs,
        String source,
        String state,
        Instant collectedAt,
        String sha256,
        long size,
        String mediaType) {

    public static EvidenceSummary of(EvidenceItem e) {
        return new EvidenceSummary(
                e.id.toString(),
                e.title,
                List.copyOf(e.controlIds),
                List.copyOf(e.requirementRefs),
                e.source,
                e.state,
                e.collectedAt,
                e.sha256,
                e.size,
                e.mediaType);
    }
}
