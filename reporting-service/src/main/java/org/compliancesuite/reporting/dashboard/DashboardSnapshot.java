package org.compliancesuite.reporting.dashboard;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** The last dashboard computed for a tenant on one day; the points of the trend. */
@Entity
@Table(name = "dashboard_snapshot")
public class DashboardSnapshot extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String tenant;

    @Column(name = "snapshot_date")
    public LocalDate snapshotDate;

    @Column(name = "overall_score")
    public BigDecimal overallScore;

    @Column(name = "overall_status")
    public String overallStatus;

    /** JSON object framework id to score (null when the framework has no applicable requirement). */
    @Column(name = "framework_scores")
    public String frameworkScores;

    @Column(name = "open_findings")
    public int openFindings;

    @Column(name = "data_as_of")
    public Instant dataAsOf;

    @Column(name = "computed_at")
    public Instant computedAt;

    @Column(name = "computed_by")
    public String computedBy;
}
