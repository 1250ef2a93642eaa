package org.compliancesuite.catalog.change;

import java.time.Instant;
import java.util.Map;

/** One change record as auditors read it. */
public record ChangeView(
        long id,
        String entityType,
        String entityId,
        String action,
        String changedBy,
        Instant changedAt,
        Map<String, Object> detail) {

    static ChangeView of(ChangeRecord r) {
        return new ChangeView(r.id, r.entityType, r.entityId, r.action, r.changedBy, r.changedAt, r.detail);
    }
}
