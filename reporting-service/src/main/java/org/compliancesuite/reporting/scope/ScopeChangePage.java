package org.compliancesuite.reporting.scope;

import java.time.Instant;
import java.util.List;

/** The recorded changes of the tenant's framework scope, newest first. */
public record ScopeChangePage(List<ScopeChange> items, int page, int size, long total) {

    /** @param frameworks the scope after the change, empty when it was cleared */
    public record ScopeChange(List<String> frameworks, List<String> previous, Instant changedAt, String changedBy) {}
}
