package org.compliancesuite.reporting.gap;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The gaps of one framework: applicable requirements that are not covered and why, the maturity of the controls
 * concerned against their target, and the remediation plan that closes them.
 */
public record GapReport(
        String frameworkId,
        String name,
        Instant asOf,
        int applicableRequirements,
        int coveredRequirements,
        Double score,
        List<RequirementGap> requirements,
        List<MaturityGap> maturity,
        List<RemediationStep> remediationPlan) {

    /**
     * @param reasons not-implemented, no-control-mapped, no-fresh-accepted-evidence
     * @param evidenceIds the latest accepted evidence of the mapped controls (stale, or behind a not-implemented
     *     status)
     */
    public record RequirementGap(
            String code,
            String title,
            String status,
            String owner,
            LocalDate targetDate,
            List<String> controlIds,
            List<String> reasons,
            List<String> evidenceIds) {}

    /** @param levelsShort target minus current level */
    public record MaturityGap(
            String controlId,
            Integer currentLevel,
            Integer targetLevel,
            int levelsShort,
            List<String> gaps,
            Instant assessedAt,
            String assessedBy) {}

    /** @param overdue open and past its due date */
    public record RemediationStep(
            String id,
            String controlId,
            String description,
            String owner,
            LocalDate dueDate,
            String status,
            Instant closedAt,
            boolean overdue) {}
}
