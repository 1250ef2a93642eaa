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
import org.compliancesuite.reporting.dashboard.Dashboard.Finding;
import org.compliancesuite.reporting.dashboard.Dashboard.FrameworkScore;
import org.compliancesuite.reporting.dashboard.Dashboard.KeyRotation;
import org.compliancesuite.reporting.dashboard.Dashboard.KeyStatus;
import org.compliancesuite.reporting.dashboard.Dashboard.MonitorFigure;
import org.compliancesuite.reporting.dashboard.Dashboard.NextAudit;
import org.compliancesuite.reporting.period.ReportingPeriod;
import org.compliancesuite.reporting.scoring.RequirementCoverage;
import org.compliancesuite.reporting.scoring.ScoringMethod;
import org.compliancesuite.reporting.upstream.CatalogRecords.CatalogFramework;
import org.compliancesuite.reporting.upstream.CatalogRecords.MaturityAssessment;
import org.compliancesuite.reporting.upstream.CatalogRecords.RecordedAudit;
import org.compliancesuite.reporting.upstream.CatalogRecords.RemediationItem;
import org.compliancesuite.reporting.upstream.EvidenceRecords.ControlFreshness;
import org.compliancesuite.reporting.upstream.EvidenceRecords.EvidencePage;
import org.compliancesuite.reporting.upstream.EvidenceRecords.MonitorRun;
import org.compliancesuite.reporting.upstream.EvidenceRecords.StalePage;
import org.compliancesuite.reporting.upstream.Sources;
import org.compliancesuite.reporting.upstream.VaultRecords.KeyVersion;
import org.compliancesuite.reporting.upstream.VaultRecords.VaultKey;

/**
 * Computes the dashboard from the catalog, the evidence summaries and the key metadata, and keeps the day's snapshot
 * for the trend. Only aggregate and first-page calls are made, so the cost does not grow with the evidence volume.
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

    /**
     * The dashboard for the caller's tenant. Every source must answer; otherwise the request fails naming the source
     * (no partial dashboard). Records today's snapshot as a side effect.
     *
     * @param remediationPeriod the period the remediation rate covers
     */
    public Dashboard compute(ReportingPeriod remediationPeriod) {
        LocalDate today = ReportingPeriod.today();
        Map<String, ControlFreshness> freshness = sources.freshness();

        List<FrameworkScore> frameworks = new ArrayList<>();
        int applicable = 0;
        int covered = 0;
        for (CatalogFramework framework : sources.frameworks()) {
            FrameworkScore score = frameworkScore(framework, freshness, today);
            frameworks.add(score);
            applicable += score.applicableRequirements();
            covered += score.coveredRequirements();
        }
        Double overallScore = ScoringMethod.percent(covered, applicable);
        Dashboard.Score overall =
                new Dashboard.Score(overallScore, scoring.statusOf(overallScore), applicable, covered);

        List<MonitorRun> monitors = sources.monitors();
        List<MaturityAssessment> maturity = sources.maturity();
        StalePage stale = sources.stale();
        EvidencePage rejected = sources.evidenceInState("rejected");
        KeyStatus keys = keyStatus(sources.keys());

        Dashboard.OpenFindings findings = openFindings(monitors, rejected, stale, maturity, keys);
        Dashboard dashboard = new Dashboard(
                sources.asOf(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                sources.consulted(),
                scoringDescription(),
                overall,
                frameworks,
                findings,
                new Dashboard.StaleEvidenceFigure(stale.total(), stale.itemsOrEmpty()),
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
                "each framework weighs its number of applicable requirements",
                scoring.compliantMin(),
                scoring.inProgressMin(),
                "compliant when score >= " + scoring.compliantMin() + ", in-progress when score >= "
                        + scoring.inProgressMin() + ", non-compliant below; not-assessed when nothing is applicable");
    }

    private FrameworkScore frameworkScore(
            CatalogFramework framework, Map<String, ControlFreshness> freshness, LocalDate today) {
        List<RequirementCoverage> coverage = sources.checklist(framework.id()).itemsOrEmpty().stream()
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
            EvidencePage rejected,
            StalePage stale,
            List<MaturityAssessment> maturity,
            KeyStatus keys) {
        List<Finding> items = new ArrayList<>();
        long failedMonitors = 0;
        for (MonitorRun run : monitors) {
            if (!Boolean.FALSE.equals(run.passed())) {
                continue;
            }
            String record = "evidence-service:/api/v1/evidence/" + run.evidenceId();
            if (run.findingsOrEmpty().isEmpty()) {
                items.add(new Finding(
                        "failed-monitor",
                        run.runId(),
                        run.monitor() + " monitor failed",
                        List.of(),
                        run.ranAt(),
                        record));
                failedMonitors++;
            }
            for (var f : run.findingsOrEmpty()) {
                items.add(new Finding(
                        "failed-monitor", run.runId() + ":" + f.code(), f.message(), List.of(), run.ranAt(), record));
                failedMonitors++;
            }
        }
        for (var e : rejected.itemsOrEmpty()) {
            items.add(new Finding(
                    "rejected-evidence",
                    e.id(),
                    e.title(),
                    e.controlIds() == null ? List.of() : e.controlIds(),
                    e.collectedAt(),
                    "evidence-service:/api/v1/evidence/" + e.id()));
        }
        for (var e : stale.itemsOrEmpty()) {
            items.add(new Finding(
                    "stale-evidence",
                    e.id(),
                    e.title(),
                    e.controlIds() == null ? List.of() : e.controlIds(),
                    e.freshUntil(),
                    "evidence-service:/api/v1/evidence/" + e.id()));
        }
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
                        "catalog-service:/api/v1/maturity"));
            }
        }
        for (String key : keys.overdueKeys()) {
            items.add(new Finding(
                    "key-rotation-overdue",
                    key,
                    "key '" + key + "' is past its rotation period",
                    List.of(),
                    null,
                    "vault-service:/api/v1/keys"));
        }

        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("failed-monitor", failedMonitors);
        counts.put("rejected-evidence", rejected.total());
        counts.put("stale-evidence", stale.total());
        counts.put("open-gap", gaps);
        counts.put("key-rotation-overdue", (long) keys.keysOverdue());
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        return new Dashboard.OpenFindings(total, counts, items);
    }

    /**
     * Items of the period: remediation items due in it or closed in it. Rate = closed (done, closed in the period)
     * over those items.
     */
    static Dashboard.RemediationRate remediationRate(List<MaturityAssessment> maturity, ReportingPeriod period) {
        List<String> closed = new ArrayList<>();
        List<String> open = new ArrayList<>();
        for (MaturityAssessment m : maturity) {
            for (RemediationItem item : m.remediationOrEmpty()) {
                LocalDate closedOn =
                        item.closedAt() == null ? null : LocalDate.ofInstant(item.closedAt(), ZoneOffset.UTC);
                boolean closedInPeriod = item.isDone() && period.contains(closedOn);
                if (closedInPeriod) {
                    closed.add(item.id());
                } else if (!item.isDone() && period.contains(item.dueDate())) {
                    open.add(item.id());
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
                open);
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
