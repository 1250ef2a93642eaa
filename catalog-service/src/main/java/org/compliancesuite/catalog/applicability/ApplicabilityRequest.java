package org.compliancesuite.catalog.applicability;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/**
 * The tenant's decision on one requirement. {@code status} defaults to not-started when applicable and to
 * not-applicable when excluded; an exclusion needs a justification.
 */
public record ApplicabilityRequest(
        @NotNull Boolean applicable,
        @Size(max = 4000) String justification,
        ImplementationStatus status,
        @Size(max = 200) String owner,
        LocalDate targetDate) {}
