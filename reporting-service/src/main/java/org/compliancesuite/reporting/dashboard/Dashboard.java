package org.compliancesuite.reporting.dashboard;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.compliancesuite.reporting.scope.FrameworkScopeView;

/**
 * The tenant's compliance dashboard. Every figure names the records it was computed from (ids of requirements,
 * evidence, monitor runs, remediation items, keys) so that a reader can check it.
 *
 * @param asOf when the oldest data behind the figures was read from the sources
 * @param computedAt when this dashboard was computed
 * @param sources the services the figures come from
 * @param scoring how the scores are computed and read
 * @param scope the frameworks that count: the tenant's chosen scope, or all the catalog lists when none was chosen
 * @param overall the score over the frameworks in scope
 * @param frameworks the score and next audit per framework in scope
 * @param openFindings failed monitors, rejected and stale evidence per control, open maturity gaps, overdue keys
 * @param staleEvidence the controls whose latest evidence is past its freshness (the stale-evidence findings)
 * @param remediation remediation items closed in the period over the items of the period
 * @param training completion from the training monitor, or null when it never ran
 * @param monitors the latest figures of each monitor and the key status from vault-service
 */
public record Dashboard(
        Instant asOf,
        Instant computedAt,
        List<String> sources,
        Scoring scoring,
        FrameworkScopeView scope,
        Score overall,
        List<FrameworkScore> frameworks,
        OpenFindings openFindings,
        StaleEvidenceFigure staleEvidence,
        RemediationRate remediation,
        TrainingCompletion training,
        MonitorFigures monitors) {

    /** The formula, weights and status thresholds in force. */
    public record Scoring(
            String formula,
            double coveredRequirementWeight,
            double uncoveredRequirementWeight,
            String frameworkWeighting,
            double compliantMin,
            double inProgressMin,
            String statusRule) {}

    public record Score(Double score, String status, int applicableRequirements, int coveredRequirements) {}

    /**
     * @param uncoveredRequirements codes of applicable requirements that are not covered
     * @param evidenceIds the accepted evidence behind the covered requirements
     * @param checklist where the requirement records live in catalog-service
     */
    public record FrameworkScore(
            String frameworkId,
            String name,
            String version,
            Double score,
            String status,
            int applicableRequirements,
            int coveredRequirements,
            int notApplicableRequirements,
            List<String> uncoveredRequirements,
            List<String> evidenceIds,
            NextAudit nextAudit,
            String checklist) {}

    /**
     * @param basis how the date was found, in words
     * @param overdue whether the next audit date is before today
     */
    public record NextAudit(
            String auditFrequency,
            Integer auditIntervalMonths,
            String lastAuditId,
            LocalDate lastAuditDate,
            LocalDate nextAuditDate,
            boolean overdue,
            String basis) {}

    /**
     * @param counts per kind: failed-monitor, rejected-evidence, stale-evidence, open-gap, key-rotation-overdue
     * @param definitions what each kind counts, in words
     */
    public record OpenFindings(
            long total, Map<String, Long> counts, List<Finding> items, Map<String, String> definitions) {}

    /**
     * One open finding.
     *
     * @param kind what kind of record it comes from
     * @param id the id of what the finding is about (monitor run and finding code, control id, key name)
     * @param title what is wrong
     * @param controlIds the common controls concerned
     * @param since when it was recorded, or when the evidence stopped being fresh, when known
     * @param record the service and path of the record behind it
     * @param evidenceIds the evidence records behind it (the rejected or expired item, the monitor run's evidence)
     */
    public record Finding(
            String kind,
            String id,
            String title,
            List<String> controlIds,
            Instant since,
            String record,
            List<String> evidenceIds) {}

    /**
     * @param total how many controls have a stale-evidence finding
     * @param definition the rule, in words
     * @param items one per control
     */
    public record StaleEvidenceFigure(long total, String definition, List<StaleControl> items) {}

    /**
     * A control whose latest evidence is past its freshness and that has no fresh accepted evidence.
     *
     * @param latestEvidenceId the control's newest evidence item, null when it never had any
     * @param latestEvidenceState its review state (accepted, submitted), null when there is none
     * @param collectedAt when that item was collected
     * @param freshUntil when it stopped being fresh
     * @param record where the control's evidence lives in evidence-service
     */
    public record StaleControl(
            String controlId,
            String evidenceFrequency,
            String latestEvidenceId,
            String latestEvidenceState,
            Instant collectedAt,
            Instant freshUntil,
            String record) {}

    /**
     * The remediation rate of a period, with the rule in {@code definition}.
     *
     * @param totalItems the items of the period (see definition)
     * @param closedItems those closed within the period
     * @param ratePercent 100 * closed / total, one decimal; null when there are no items in the period
     * @param closedItemIds the items closed within the period
     * @param openItemIds the items of the period not closed within it (still open, or closed after it)
     * @param closedAfterPeriodItemIds those of the open items that were closed after the period ended
     * @param closedAtUnknownItemIds items marked done without a closing time: closed at an unknown time, so counted
     *     neither as closed within the period nor as open, and left out of the rate
     */
    public record RemediationRate(
            LocalDate from,
            LocalDate to,
            int totalItems,
            int closedItems,
            Double ratePercent,
            List<String> closedItemIds,
            List<String> openItemIds,
            List<String> closedAfterPeriodItemIds,
            int closedAtUnknownItems,
            List<String> closedAtUnknownItemIds,
            String definition) {}

    public record TrainingCompletion(
            Double completionPercent,
            Double assigned,
            Double completed,
            Instant ranAt,
            String runId,
            String evidenceId) {}

    /** Each monitor's latest run (null when it never ran) and the key status read from vault-service. */
    public record MonitorFigures(
            MonitorFigure identity,
            MonitorFigure tls,
            MonitorFigure keyRotation,
            MonitorFigure training,
            KeyStatus vaultKeys) {}

    public record MonitorFigure(
            String monitor,
            Boolean passed,
            Instant ranAt,
            String runId,
            String evidenceId,
            Map<String, Double> figures,
            List<String> findingCodes) {}

    /** @param overdueKeys names of keys whose latest version is older than their rotation period */
    public record KeyStatus(int keysChecked, int keysOverdue, List<String> overdueKeys, List<KeyRotation> keys) {}

    public record KeyRotation(
            String name,
            String purpose,
            Integer latestVersion,
            Instant lastRotatedAt,
            Integer rotationPeriodDays,
            Boolean autoRotate,
            boolean overdue) {}
}
