package org.compliancesuite.catalog.maturity;

import java.time.Instant;
import java.time.LocalDate;

/** A remediation item as the service contract describes it. */
public record RemediationView(
        String id, String description, String owner, LocalDate dueDate, String status, Instant closedAt) {

    static RemediationView of(RemediationItem item) {
        return new RemediationView(
                item.id.toString(), item.description, item.owner, item.dueDate, item.status, item.closedAt);
    }
}
