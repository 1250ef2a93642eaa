package org.compliancesuite.evidence.item;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Everything known about one evidence item, without its content. */
public record EvidenceView(
        String id,
        String title,
        String description,
        List<String> controlIds,
        List<String> requirementRefs,
        String source,
        String state,
        String kind,
        String fileName,
        String mediaType,
        long size,
        String sha256,
        Instant collectedAt,
        LocalDate periodStart,
        LocalDate periodEnd,
        Instant freshUntil,
        String collectorSubject,
        String collectorClient,
        Instant createdAt,
        String reviewedBy,
        Instant reviewedAt,
        String rejectionReason,
        Instant retainUntil,
        String retentionBasis,
        boolean legalHold,
        String legalHoldReason,
        Instant deletedAt,
        String deletedBy) {

    public static EvidenceView of(EvidenceItem e) {
        return new EvidenceView(
                e.id.toString(),
                e.title,
                e.description,
                List.copyOf(e.controlIds),
                List.copyOf(e.requirementRefs),
                e.source,
                e.state,
                e.kind,
                e.fileName,
                e.mediaType,
                e.size,
                e.sha256,
                e.collectedAt,
                e.periodStart,
                e.periodEnd,
                e.freshUntil,
                e.collectorSubject,
                e.collectorClient,
                e.createdAt,
                e.reviewedBy,
                e.reviewedAt,
                e.rejectionReason,
                e.retainUntil,
                e.retentionBasis,
                e.legalHold,
                e.legalHoldReason,
                e.deletedAt,
                e.deletedBy);
    }
}
