package org.compliancesuite.catalog.applicability;

import java.time.LocalDate;
import java.util.List;

/** The implementation checklist of a framework with the tenant's decisions, as the service contract describes it. */
public record ChecklistView(String frameworkId, List<Item> items) {

    /**
     * One assessable requirement; {@code group} is the title of its top-level ancestor (theme, section...),
     * {@code implementation} the HIPAA designation (required or addressable) and {@code category} the SOC 2
     * category, both null where they do not apply.
     */
    public record Item(
            String code,
            String title,
            String parentCode,
            String group,
            boolean applicable,
            String justification,
            String status,
            String owner,
            LocalDate targetDate,
            List<String> controlIds,
            String implementation,
            String category) {}
}
