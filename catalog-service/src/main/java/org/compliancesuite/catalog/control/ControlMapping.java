package org.compliancesuite.catalog.control;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A common control satisfying a requirement. The relationship says how the control's scope compares with the
 * requirement's, read as "control RELATIONSHIP requirement" (NIST IR 8477 set-theory relationships): equal, subset
 * (the control covers part of the requirement), superset (it covers more), intersect (they overlap).
 */
@Entity
@Table(name = "control_mapping")
public class ControlMapping extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "control_id")
    public String controlId;

    @Column(name = "requirement_id")
    public UUID requirementId;

    /** Null for built-in mappings; the owning tenant for mappings of its custom frameworks. */
    public String tenant;

    public String relationship;
    public String rationale;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "created_by")
    public String createdBy;
}
