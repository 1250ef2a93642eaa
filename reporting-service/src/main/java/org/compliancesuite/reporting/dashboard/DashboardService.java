package org.compliancesuite.reporting.dashboard;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.compliancesuite.reporting.dashboard.Dashboard.Finding;
import org.compliancesuite.reporting.dashboard.Dashboard.FrameworkScore;
import org.compliancesuite.reporting.dashboard.Dashboard.KeyRotation;
import org.compliancesuite.reporting.dashboard.Dashboard.KeyStatus;
import org.compliancesuite.reporting.dashboard.Dashboard.MonitorFigure;
import org.compliancesuite.reporting.dashboard.Dashboard.NextAudit;
import org.compliancesuite.reporting.period.ReportingPeriod;
import org.compliancesuite.reporting.scope.FrameworkScopeService;
import org.compliancesuite.reporting.scoring.RequirementCoverage;
import org.compliancesuite.reporting.scoring.ScoringMethod;
import org.compliancesuite.reporting.upstream.CatalogRecords.CatalogFramework;
import org.compliancesuite.reporting.upstream.CatalogRecords.ChecklistItem;
import org.compliancesuite.reporting.upstream.CatalogRecords.MaturityAssessment;
import org.compliancesuite.reporting.upstream.CatalogRecords.RecordedAudit;
import org.compliancesuite.reporting.upstream.CatalogRecords.RemediationItem;
import org.compliancesuite.reporting.upstream.EvidenceRecords.ControlFreshness;
import org.compliancesuite.reporting.upstream.EvidenceRecords.MonitorRun;
import org.compliancesuite.reporting.upstream.Sources;
import org.compliancesuite.reporting.upstream.VaultRecords.KeyVersion;
import org.compliancesuite.reporting.upstream.VaultRecords.VaultKey;

/**
 * Computes the dashboard from the catalog, the evidence summaries and the key metadata, and keeps the day's snapshot
 * for the trend. Only the per-control freshness summary and, for some controls, a one-item page of their evidence
 * are read from evidence-service, so the cost grows with the number of controls, never with the evidence volume.
 */
@RequestScoped
public class DashboardService {

    static final String MONITOR_IDENTITY = "identity";
    static final String MONITOR_TLS = "tls";
    static final String MONITOR_KEY_ROTATION = "key-rotation";
    static final String MONITOR_TRAINING = "training";

    @Inject
    Sources sources;

    @Inject
    ScoringMethod scoring;

    @Inject
    DashboardHistory history;

    @Inject
    FrameworkScopeService scopes;

    /**
     * The dashboard for the caller's tenant. Every source must answer; otherwise the request fails naming the source
     * (no partial dashboard). Records today's snapshot as a side effect.
     *
     * @param remediationPeriod the period the remediation rate covers
     */
    public Dashboard compute(ReportingPeriod remediationPeriod) {
        LocalDate today = ReportingPeriod.today();
        Instant now = Instant.now();
        Map<String, ControlFreshness> freshness = sources.freshness();
        FrameworkScopeService.Applied scope = scopes.apply(sources.frameworks());

        List<FrameworkScore> frameworks = new ArrayList<>();
        Set<String> mappedControls = new TreeSet<>();
        int applicable = 0;
        int covered = 0;
        for (CatalogFramework framework : scope.frameworks()) {
            List<ChecklistItem> checklist = sources.checklist(framework.id()).itemsOrEmpty();
            checklist.stream().filter(ChecklistItem::isApplicable).forEach(i -> mappedControls.addAll(i.controls()));
            FrameworkScore score = frameworkScore(framework, checklist, freshness, today);
            frameworks.add(score);
            applicable += score.applicableRequirements();
            covered += score.coveredRequirements();
        }
        Double overallScore = ScoringMethod.percent(covered, applicable);
        Dashboard.Score overall =
                new Dashboard.Score(overallScore, scoring.statusOf(overallScore), applicable, covered);

        List<MonitorRun> monitors = sources.monitors();
        List<MaturityAssessment> maturity = sources.maturity();
        EvidenceFindings.Result evidence = EvidenceFindings.of(sources, freshness, mappedControls, now);
        KeyStatus keys = keyStatus(sources.keys());

        Dashboard.OpenFindings findings = openFindings(monitors, evidence, maturity, keys);
        Dashboard dashboard = new Dashboard(
                sources.asOf(),
                now.truncatedTo(ChronoUnit.MILLIS),
                sources.consulted(),
                scoringDescription(),
                scope.scope(),
                overall,
                frameworks,
                findings,
                new Dashboard.StaleEvidenceFigure(
                        evidence.staleControls().size(), EvidenceFindings.STALE_DEFINITION, evidence.staleControls()),
                remediationRate(maturity, remediationPeriod),
                training(latest(monitors, MONITOR_TRAINING)),
                new Dashboard.MonitorFigures(
                        figure(latest(monitors, MONITOR_IDENTITY)),
                        figure(latest(monitors, MONITOR_TLS)),
                        figure(latest(monitors, MONITOR_KEY_ROTATION)),
                        figure(latest(monitors, MONITOR_TRAINING)),
                        keys));

        history.record(today, dashboard);
        return dashboard;
    }

    Dashboard.Scoring scoringDescription() {
        return new Dashboard.Scoring(
                ScoringMethod.FORMULA,
                1.0,
                0.0,
                "each framework in scope weighs its number of applicable requirements; frameworks outside the"
                        + " tenant's scope do not count (see scope)",
                scoring.compliantMin(),
                scoring.inProgressMin(),
                "compliant when score >= " + scoring.compliantMin() + ", in-progress when score >= "
                        + scoring.inProgressMin() + ", non-compliant below; not-assessed when nothing is applicable");
    }

    private FrameworkScore frameworkScore(
            CatalogFramework framework,
            List<ChecklistItem> checklist,
            Map<String, ControlFreshness> freshness,
            LocalDate today) {
        List<RequirementCoverage> coverage = checklist.stream()
                .map(item -> RequirementCoverage.of(item, freshness))
                .toList();
        int applicable =
                (int) coverage.stream().filter(RequirementCoverage::applicable).count();
        List<RequirementCoverage> covered =
                coverage.stream().filter(RequirementCoverage::covered).toList();
        Double score = ScoringMethod.percent(covered.size(), applicable);
        List<String> uncovered = coverage.stream()
                .filter(c -> c.applicable() && !c.covered())
                .map(RequirementCoverage::code)
                .toList();
        List<String> evidenceIds = covered.stream()
                .flatMap(c -> c.evidenceIds().stream())
                .distinct()
                .toList();
        return new FrameworkScore(
                framework.id(),
                framework.name(),
                framework.version(),
                score,
                scoring.statusOf(score),
                applicable,
                covered.size(),
                coverage.size() - applicable,
                uncovered,
                evidenceIds,
                nextAudit(framework, sources.audits(framework.id()), today),
                "catalog-service:/api/v1/frameworks/" + framework.id() + "/checklist");
    }

    /** Next audit = last recorded audit date + the framework's audit interval. */
    static NextAudit nextAudit(CatalogFramework framework, List<RecordedAudit> audits, LocalDate today) {
        RecordedAudit last = audits.stream()
                .filter(a -> a.auditDate() != null)
                .max(Comparator.comparing(RecordedAudit::auditDate))
                .orElse(null);
        Integer interval = framework.auditIntervalMonths();
        if (interval == null || interval <= 0) {
            return new NextAudit(
                    framework.auditFrequency(),
                    interval,
                    last == null ? null : last.id(),
                    last == null ? null : last.auditDate(),
                    null,
                    false,
                    "the framework sets no audit interval");
        }
        if (last == null) {
            return new NextAudit(
                    framework.auditFrequency(),
                    interval,
                    null,
                    null,
                    null,
                    false,
                    "no audit recorded yet; the first audit is due to be scheduled");
        }
        LocalDate next = last.auditDate().plusMonths(interval);
        return new NextAudit(
                framework.auditFrequency(),
                interval,
                last.id(),
                last.auditDate(),
                next,
                next.isBefore(today),
                "last audit " + last.auditDate() + " + " + interval + " months");
    }

    private Dashboard.OpenFindings openFindings(
            List<MonitorRun> monitors,
            EvidenceFindings.Result evidence,
            List<MaturityAssessment> maturity,
            KeyStatus keys) {
        List<Finding> items = new ArrayList<>();
        long failedMonitors = 0;
        for (MonitorRun run : monitors) {
            if (!Boolean.FALSE.equals(run.passed())) {
                continue;
            }
            String record = "evidence-service:/api/v1/evidence/" + run.evidenceId();
            List<String> evidenceIds = run.evidenceId() == null ? List.of() : List.of(run.evidenceId());
            if (run.findingsOrEmpty().isEmpty()) {
                items.add(new Finding(
                        "failed-monitor",
                        run.runId(),
                        run.monitor() + " monitor failed",
                        List.of(),
                        run.ranAt(),
                        record,
                        evidenceIds));
                failedMonitors++;
            }
            for (var f : run.findingsOrEmpty()) {
                items.add(new Finding(
                        "failed-monitor",
                        run.runId() + ":" + f.code(),
                        f.message(),
                        List.of(),
                        run.ranAt(),
                        record,
                        evidenceIds));
                failedMonitors++;
            }
        }
        items.addAll(evidence.rejected());
        items.addAll(evidence.stale());
        long gaps = 0;
        for (MaturityAssessment m : maturity) {
            if (m.belowTarget()) {
                gaps++;
                items.add(new Finding(
                        "open-gap",
                        m.controlId(),
                        "maturity " + m.currentLevel() + " below target " + m.targetLevel()
                                + (m.gapTexts().isEmpty() ? "" : ": " + String.join("; ", m.gapTexts())),
                        List.of(m.controlId()),
                        m.assessedAt(),
                        "catalog-service:/api/v1/maturity",
                        List.of()));
            }
        }
        for (String key : keys.overdueKeys()) {
            items.add(new Finding(
                    "key-rotation-overdue",
                    key,
                    "key '" + key + "' is past its rotation period",
                    List.of(),
                    null,
                    "vault-service:/api/v1/keys",
                    List.of()));
        }

        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("failed-monitor", failedMonitors);
        counts.put(EvidenceFindings.REJECTED, (long) evidence.rejected().size());
        counts.put(EvidenceFindings.STALE, (long) evidence.stale().size());
        counts.put("open-gap", gaps);
        counts.put("key-rotation-overdue", (long) keys.keysOverdue());
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        Map<String, String> definitions = new LinkedHashMap<>();
        definitions.put("failed-monitor", "each finding of the latest run of each monitor that failed");
        definitions.put(EvidenceFindings.REJECTED, EvidenceFindings.REJECTED_DEFINITION);
        definitions.put(EvidenceFindings.STALE, EvidenceFindings.STALE_DEFINITION);
        definitions.put("open-gap", "controls whose latest maturity assessment is below its target level");
        definitions.put("key-rotation-overdue", "keys whose latest version is older than their rotation period");
        return new Dashboard.OpenFindings(total, counts, items, definitions);
    }

    static final String REMEDIATION_DEFINITION = "rate = closed / items of the period, in percent to 0.1. An item"
            + " belongs to the period when it was not closed before the period starts and it was recorded (with its"
            + " maturity assessment) on or before the period ends or is due within the period; so an item due in the"
            + " period but closed after it, or still open, counts as not closed. Closed = status done with a closing"
            + " time within the period (UTC days). An item marked done without a closing time was closed at an"
            + " unknown time: it is listed in closedAtUnknownItemIds and left out of the rate";

    /**
     * The remediation rate of the period; {@link #REMEDIATION_DEFINITION} states the rule. Items are recorded with
     * the maturity assessment that found their gap, so the assessment's time is when an item started to be open.
     */
    static Dashboard.RemediationRate remediationRate(List<MaturityAssessment> maturity, ReportingPeriod period) {
        List<String> closed = new ArrayList<>();
        List<String> open = new ArrayList<>();
        List<String> closedAfter = new ArrayList<>();
        List<String> closedAtUnknown = new ArrayList<>();
        for (MaturityAssessment m : maturity) {
            LocalDate recordedOn = m.assessedAt() == null ? null : LocalDate.ofInstant(m.assessedAt(), ZoneOffset.UTC);
            boolean recordedByEnd = recordedOn == null || !recordedOn.isAfter(period.to());
            for (RemediationItem item : m.remediationOrEmpty()) {
                boolean dueInPeriod = period.contains(item.dueDate());
                if (!recordedByEnd && !dueInPeriod) {
                    continue;
                }
                if (item.isDone() && item.closedAt() == null) {
                    closedAtUnknown.add(item.id());
                    continue;
                }
                LocalDate closedOn = item.isDone() ? LocalDate.ofInstant(item.closedAt(), ZoneOffset.UTC) : null;
                if (closedOn != null && closedOn.isBefore(period.from())) {
                    continue;
                }
                if (closedOn != null && !closedOn.isAfter(period.to())) {
                    closed.add(item.id());
                } else {
                    open.add(item.id());
                    if (closedOn != null) {
                        closedAfter.add(item.id());
                    }
                }
            }
        }
        int total = closed.size() + open.size();
        return new Dashboard.RemediationRate(
                period.from(),
                period.to(),
                total,
                closed.size(),
                ScoringMethod.percent(closed.size(), total),
                closed,
                open,
                closedAfter,
                closedAtUnknown.size(),
                closedAtUnknown,
                REMEDIATION_DEFINITION);
    }

    private static Dashboard.TrainingCompletion training(MonitorRun run) {
        if (run == null) {
            return null;
        }
        return new Dashboard.TrainingCompletion(
                run.figure("completionPercent"),
                run.figure("assigned"),
                run.figure("completed"),
                run.ranAt(),
                run.runId(),
                run.evidenceId());
    }

    private static MonitorRun latest(List<MonitorRun> monitors, String monitor) {
        return monitors.stream()
                .filter(m -> monitor.equals(m.monitor()))
                .max(Comparator.comparing(MonitorRun::ranAt, Comparator.nullsFirst(Comparator.naturalOrder())))
                .orElse(null);
    }

    private static MonitorFigure figure(MonitorRun run) {
        if (run == null) {
            return null;
        }
        Map<String, Double> figures = new LinkedHashMap<>();
        if (run.figures() != null) {
            run.figures().properties().forEach(e -> {
                if (e.getValue().isNumber()) {
                    figures.put(e.getKey(), e.getValue().asDouble());
                } else if (e.getValue().isBoolean()) {
                    figures.put(e.getKey(), e.getValue().asBoolean() ? 1.0 : 0.0);
                }
            });
        }
        return new MonitorFigure(
                run.monitor(),
                run.passed(),
                run.ranAt(),
                run.runId(),
                run.evidenceId(),
                figures,
                run.findingsOrEmpty().stream().map(f -> f.code()).toList());
    }

    /** A key is overdue when its latest version is older than its rotation period. */
    static KeyStatus keyStatus(List<VaultKey> keys) {
        Instant now = Instant.now();
        List<KeyRotation> rotations = new ArrayList<>();
        for (VaultKey key : keys) {
            Instant lastRotated = key.versions() == null
                    ? null
                    : key.versions().stream()
                            .filter(v -> Objects.equals(v.version(), key.latestVersion()))
                            .map(KeyVersion::createdAt)
                            .filter(Objects::nonNull)
                            .findFirst()
                            .orElse(null);
            Integer period = key.rotationPeriodDays();
            boolean overdue = period != null
                    && period > 0
                    && lastRotated != null
                    && lastRotated.plus(Duration.ofDays(period)).isBefore(now);
            rotations.add(new KeyRotation(
                    key.name(), key.purpose(), key.latestVersion(), lastRotated, period, key.autoRotate(), overdue));
        }
        List<String> overdue = rotations.stream()
                .filter(KeyRotation::overdue)
                .map(KeyRotation::name)
                .toList();
        return new KeyStatus(rotations.size(), overdue.size(), overdue, rotations);
    }
}
