package org.compliancesuite.reporting.gap;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.compliancesuite.reporting.gap.GapReport.MaturityGap;
import org.compliancesuite.reporting.gap.GapReport.RemediationStep;
import org.compliancesuite.reporting.gap.GapReport.RequirementGap;
import org.compliancesuite.reporting.period.ReportingPeriod;
import org.compliancesuite.reporting.scoring.RequirementCoverage;
import org.compliancesuite.reporting.scoring.ScoringMethod;
import org.compliancesuite.reporting.upstream.CatalogRecords.CatalogFramework;
import org.compliancesuite.reporting.upstream.CatalogRecords.ChecklistItem;
import org.compliancesuite.reporting.upstream.CatalogRecords.MaturityAssessment;
import org.compliancesuite.reporting.upstream.EvidenceRecords.ControlFreshness;
import org.compliancesuite.reporting.upstream.Sources;

/** Finds the gaps of one framework with the same coverage rule as the dashboard score. */
@RequestScoped
public class GapService {

    @Inject
    Sources sources;

    /** The gap analysis of a framework; 404 when the catalog does not know it for the tenant. */
    public GapReport analyse(String frameworkId) {
        CatalogFramework framework = sources.framework(frameworkId);
        Map<String, ControlFreshness> freshness = sources.freshness();
        List<ChecklistItem> items = sources.checklist(frameworkId).itemsOrEmpty();

        List<RequirementGap> gaps = items.stream()
                .filter(ChecklistItem::isApplicable)
                .map(item -> Map.entry(item, RequirementCoverage.of(item, freshness)))
                .filter(e -> !e.getValue().covered())
                .map(e -> new RequirementGap(
                        e.getKey().code(),
                        e.getKey().title(),
                        e.getKey().status() == null ? "not-started" : e.getKey().status(),
                        e.getKey().owner(),
                        e.getKey().targetDate(),
                        e.getValue().controlIds(),
                        e.getValue().gaps(),
                        e.getValue().evidenceIds()))
                .toList();
        int applicable =
                (int) items.stream().filter(ChecklistItem::isApplicable).count();
        int covered = applicable - gaps.size();

        Set<String> controls = new LinkedHashSet<>();
        items.stream().filter(ChecklistItem::isApplicable).forEach(i -> controls.addAll(i.controls()));
        List<MaturityAssessment> assessments = sources.maturity().stream()
                .filter(m -> controls.contains(m.controlId()))
                .toList();
        List<MaturityGap> maturity = assessments.stream()
                .filter(MaturityAssessment::belowTarget)
                .map(m -> new MaturityGap(
                        m.controlId(),
                        m.currentLevel(),
                        m.targetLevel(),
                        m.targetLevel() - m.currentLevel(),
                        m.gapTexts(),
                        m.assessedAt(),
                        m.assessedBy()))
                .toList();
        LocalDate today = ReportingPeriod.today();
        List<RemediationStep> plan = assessments.stream()
                .flatMap(m -> m.remediationOrEmpty().stream()
                        .map(r -> new RemediationStep(
                                r.id(),
                                m.controlId(),
                                r.description(),
                                r.owner(),
                                r.dueDate(),
                                r.status(),
                                r.closedAt(),
                                !r.isDone()
                                        && r.dueDate() != null
                                        && r.dueDate().isBefore(today))))
                .sorted(Comparator.comparing(RemediationStep::dueDate, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();

        return new GapReport(
                framework.id(),
                framework.name(),
                sources.asOf(),
                applicable,
                covered,
                ScoringMethod.percent(covered, applicable),
                gaps,
                maturity,
                plan);
    }
}
