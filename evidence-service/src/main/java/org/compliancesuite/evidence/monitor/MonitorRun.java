package org.compliancesuite.evidence.monitor;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One run of a monitor and the evidence that records it (null when the evidence could not be stored). */
@Entity
@Table(name = "monitor_run")
public class MonitorRun extends PanacheEntityBase {

    @Id
    public UUID id;

    public String tenant;

    /** A {@link Monitor} value. */
    public String monitor;

    @Column(name = "ran_at")
    public Instant ranAt;

    public boolean passed;

    /** JSON object of the figures. */
    public String figures;

    /** JSON array of the findings. */
    public String findings;

    @Column(name = "evidence_id")
    public UUID evidenceId;

    @Column(name = "triggered_by")
    public String triggeredBy;
}
