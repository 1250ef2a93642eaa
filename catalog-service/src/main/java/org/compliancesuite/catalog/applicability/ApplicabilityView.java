package org.compliancesuite.catalog.applicability;

import java.time.Instant;
import java.time.LocalDate;

/** The tenant's decision on one requirement; updatedBy and updatedAt are null while the default applies. */
public record ApplicabilityView(
        String frameworkId,
        String code,
        boolean applicable,
        String justification,
        String status,
        String owner,
        LocalDate targetDate,
        String updatedBy,
        Instant updatedAt) {}
