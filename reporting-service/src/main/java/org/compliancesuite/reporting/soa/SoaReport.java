package org.compliancesuite.reporting.soa;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The ISO/IEC 27001:2022 Statement of Applicability: every Annex A control with the tenant's applicability decision,
 * its justification, its implementation status and the evidence behind it.
 *
 * @param frameworkId the catalog framework it was computed from
 * @param asOf when the data was read from the sources
 * @param summary counts over the controls
 * @param controls the 93 Annex A controls in catalog order
 * @param issue the issue details when this is an issued snapshot, null for the live statement
 */
@RegisterForReflection
public record SoaReport(String frameworkId, Instant asOf, SoaSummary summary, List<SoaRow> controls, SoaIssue issue) {

    /**
     * Counts over the 93 controls; implemented, planned, partial and not-started count applicable controls only.
     *
     * @param excluded controls the tenant declared not applicable
     * @param withFreshEvidence applicable controls with fresh accepted evidence on a mapped common control
     */
    public record SoaSummary(
            int total,
            int applicable,
            int excluded,
            int implemented,
            int planned,
            int partial,
            int notStarted,
            int withFreshEvidence) {}

    /**
     * One Annex A control.
     *
     * @param evidenceIds the latest accepted evidence of each common control mapped to it
     * @param evidenceFresh whether at least one mapped control has fresh accepted evidence
     */
    public record SoaRow(
            String code,
            String title,
            String group,
            boolean applicable,
            String justification,
            String status,
            String owner,
            LocalDate targetDate,
            List<String> controlIds,
            List<String> evidenceIds,
            boolean evidenceFresh) {}

    /** Who issued the statement, when, under which version and with whose approval. */
    public record SoaIssue(
            String snapshotId,
            String version,
            String approver,
            LocalDate issueDate,
            Instant issuedAt,
            String issuedBy) {}

    SoaReport issued(SoaIssue issue) {
        return new SoaReport(frameworkId, asOf, summary, controls, issue);
    }
}
