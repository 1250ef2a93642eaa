package org.compliancesuite.reporting.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.compliancesuite.common.security.Caller;
import org.compliancesuite.reporting.period.ReportingPeriod;

/** The daily dashboard snapshots of each tenant: one row per day, overwritten by the day's latest computation. */
@ApplicationScoped
public class DashboardHistory {

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Inject
    Caller caller;

    /** Writes or overwrites the caller's tenant's snapshot of the day, recording who computed it and when. */
    @Transactional
    public void record(LocalDate day, Dashboard dashboard) {
        String tenant = caller.tenant();
        // Make sure the day's row exists, then update it under a row lock, so concurrent computations serialise.
        em.createNativeQuery("INSERT INTO dashboard_snapshot (tenant, snapshot_date, overall_status, framework_scores,"
                        + " open_findings, data_as_of, computed_at, computed_by) VALUES (?1, ?2, 'not-assessed', '{}',"
                        + " 0, ?3, ?3, ?4) ON CONFLICT (tenant, snapshot_date) DO NOTHING")
                .setParameter(1, tenant)
                .setParameter(2, day)
                .setParameter(3, dashboard.computedAt())
                .setParameter(4, caller.subject())
                .executeUpdate();
        DashboardSnapshot snapshot = DashboardSnapshot.<DashboardSnapshot>find(
                        "tenant = ?1 and snapshotDate = ?2", tenant, day)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .singleResult();

        Map<String, Double> scores = new LinkedHashMap<>();
        dashboard.frameworks().forEach(f -> scores.put(f.frameworkId(), f.score()));
        Double overall = dashboard.overall().score();
        snapshot.overallScore = overall == null ? null : BigDecimal.valueOf(overall);
        snapshot.overallStatus = dashboard.overall().status();
        snapshot.frameworkScores = write(scores);
        snapshot.openFindings = (int) dashboard.openFindings().total();
        snapshot.dataAsOf = dashboard.asOf();
        snapshot.computedAt = dashboard.computedAt();
        snapshot.computedBy = caller.subject();
    }

    static final String SNAPSHOT_RULE = "a snapshot is the last dashboard computed on a day (UTC), kept when someone"
            + " opens the dashboard; a day nobody opened it has no snapshot and is listed in gaps, never filled in";

    /**
     * The caller's tenant's snapshots in the period, oldest first, and the days up to today without one. Reads one
     * date per stored day of the period, so the gaps cost no more than the snapshots do.
     */
    @Transactional
    public TrendPage trend(ReportingPeriod period, int page, int size) {
        String tenant = caller.tenant();
        PanacheQuery<DashboardSnapshot> query = DashboardSnapshot.<DashboardSnapshot>find(
                        "tenant = ?1 and snapshotDate >= ?2 and snapshotDate <= ?3",
                        Sort.by("snapshotDate"),
                        tenant,
                        period.from(),
                        period.to())
                .page(page, size);
        List<TrendPoint> points = query.list().stream().map(this::point).toList();
        List<LocalDate> days = em.createQuery(
                        "select s.snapshotDate from DashboardSnapshot s where s.tenant = ?1 and s.snapshotDate >= ?2"
                                + " and s.snapshotDate <= ?3 order by s.snapshotDate",
                        LocalDate.class)
                .setParameter(1, tenant)
                .setParameter(2, period.from())
                .setParameter(3, period.to())
                .getResultList();
        List<TrendPage.Gap> gaps = gaps(period, days, ReportingPeriod.today());
        return new TrendPage(
                points,
                page,
                size,
                days.size(),
                period.from(),
                period.to(),
                gaps.stream().mapToLong(TrendPage.Gap::days).sum(),
                gaps,
                SNAPSHOT_RULE);
    }

    /** The runs of days of the period, up to today, missing from {@code days} (sorted, within the period). */
    static List<TrendPage.Gap> gaps(ReportingPeriod period, List<LocalDate> days, LocalDate today) {
        LocalDate last = period.to().isAfter(today) ? today : period.to();
        List<TrendPage.Gap> gaps = new ArrayList<>();
        LocalDate expected = period.from();
        for (LocalDate day : days) {
            if (day.isAfter(last)) {
                break;
            }
            if (day.isAfter(expected)) {
                gaps.add(gap(expected, day.minusDays(1)));
            }
            expected = day.plusDays(1);
        }
        if (!expected.isAfter(last)) {
            gaps.add(gap(expected, last));
        }
        return gaps;
    }

    private static TrendPage.Gap gap(LocalDate from, LocalDate to) {
        return new TrendPage.Gap(from, to, ChronoUnit.DAYS.between(from, to) + 1);
    }

    private TrendPoint point(DashboardSnapshot s) {
        return new TrendPoint(
                s.snapshotDate,
                s.overallScore == null ? null : s.overallScore.doubleValue(),
                s.overallStatus,
                read(s.frameworkScores),
                s.openFindings,
                s.dataAsOf,
                s.computedAt,
                s.computedBy);
    }

    private String write(Map<String, Double> scores) {
        try {
            return json.writeValueAsString(scores);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("framework scores could not be written", e);
        }
    }

    private Map<String, Double> read(String scores) {
        try {
            return json.readValue(scores, new TypeReference<LinkedHashMap<String, Double>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored framework scores could not be read", e);
        }
    }
}
