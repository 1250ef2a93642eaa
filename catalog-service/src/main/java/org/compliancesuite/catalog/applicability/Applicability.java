package org.compliancesuite.catalog.applicability;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A tenant's decision on one requirement: the Statement of Applicability input. A requirement without a row is
 * applicable and not started.
 */
@Entity
@Table(name = "applicability")
public class Applicability extends PanacheEntityBase {

    @Id
    public UUID id;

    public String tenant;

    @Column(name = "requirement_id")
    public UUID requirementId;

    public boolean applicable;
    public String justification;
    public String status;
    public String owner;

    @Column(name = "target_date")
    public LocalDate targetDate;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "updated_by")
    public String updatedBy;
}
