package org.compliancesuite.catalog.maturity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One assessment of a common control's maturity for a tenant. Assessments are never updated: a new one is added, so
 * the history shows how maturity moved. Levels: 0 not implemented, 1 initial, 2 developed, 3 managed, 4 optimized.
 */
@Entity
@Table(name = "maturity_assessment")
public class MaturityAssessment extends PanacheEntityBase {

    @Id
    public UUID id;

    public String tenant;

    @Column(name = "control_id")
    public String controlId;

    @Column(name = "current_level")
    public short currentLevel;

    @Column(name = "target_level")
    public short targetLevel;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> gaps;

    @Column(name = "assessed_at")
    public Instant assessedAt;

    @Column(name = "assessed_by")
    public String assessedBy;
}
