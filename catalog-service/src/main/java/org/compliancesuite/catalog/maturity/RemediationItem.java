package org.compliancesuite.catalog.maturity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** Work that closes a gap found by an assessment. Its status moves; every move is a change record. */
@Entity
@Table(name = "remediation_item")
public class RemediationItem extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "assessment_id")
    public UUID assessmentId;

    public String tenant;
    public int position;
    public String description;
    public String owner;

    @Column(name = "due_date")
    public LocalDate dueDate;

    public String status;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "updated_by")
    public String updatedBy;
}
