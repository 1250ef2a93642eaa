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

    /** The caller's tenant's snapshots in the period, oldest first. */
    @Transactional
    public TrendPage trend(ReportingPeriod period, int page, int size) {
        PanacheQuery<DashboardSnapshot> query = DashboardSnapshot.<DashboardSnapshot>find(
                        "tenant = ?1 and snapshotDate >= ?2 and snapshotDate <= ?3",
                        Sort.by("snapshotDate"),
                        caller.tenant(),
                        period.from(),
                        period.to())
                .page(page, size);
        List<TrendPoint> points = query.list().stream().map(this::point).toList();
        return new TrendPage(points, page, size, query.count());
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
