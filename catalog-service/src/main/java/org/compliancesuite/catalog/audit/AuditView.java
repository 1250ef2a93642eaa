package org.compliancesuite.catalog.audit;

import java.time.Instant;
import java.time.LocalDate;

/** A recorded audit as the service contract describes it. */
public record AuditView(
        String id, LocalDate auditDate, String auditType, String auditor, String recordedBy, Instant recordedAt) {

    static AuditView of(FrameworkAudit a) {
        return new AuditView(a.id.toString(), a.auditDate, a.auditType, a.auditor, a.recordedBy, a.recordedAt);
    }
}
