package org.compliancesuite.reporting.pci;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * PCI DSS v4.0.1 status: each of the twelve principal requirements rolled up from its sub-requirements, and the
 * implementation checklist with the status of every assessable requirement.
 */
public record PciReport(
        String frameworkId, Instant asOf, List<PrincipalRequirement> requirements, List<PciChecklistRow> checklist) {

    /**
     * @param status implemented (all applicable sub-requirements implemented), not-started (none started), partial
     *     (anything between), not-applicable (nothing applicable)
     */
    public record PrincipalRequirement(
            String requirement,
            String title,
            String status,
            int applicable,
            int implemented,
            int partial,
            int planned,
            int notStarted,
            int notApplicable,
            int withFreshEvidence) {}

    public record PciChecklistRow(
            String code,
            String title,
            String principalRequirement,
            boolean applicable,
            String status,
            String owner,
            LocalDate targetDate,
            List<String> controlIds,
            List<String> evidenceIds,
            boolean evidenceFresh) {}
}
