package org.compliancesuite.reporting.comparison;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The frameworks side by side, as the catalog describes them. */
public record FrameworkComparison(Instant asOf, List<ComparedFramework> frameworks) {

    public record ComparedFramework(
            String id,
            String name,
            String version,
            String scope,
            String auditType,
            String auditFrequency,
            Integer auditIntervalMonths,
            BigDecimal costMinUsd,
            BigDecimal costMaxUsd,
            Integer requirementCount) {}
}
