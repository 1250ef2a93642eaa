package org.compliancesuite.reporting.soa;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** An issued Statement of Applicability, kept unchanged so that every version stays readable. */
@Entity
@Table(name = "soa_snapshot")
public class SoaSnapshot extends PanacheEntityBase {

    @Id
    public UUID id;

    public String tenant;
    public String version;
    public String approver;

    @Column(name = "issue_date")
    public LocalDate issueDate;

    @Column(name = "issued_at")
    public Instant issuedAt;

    @Column(name = "issued_by")
    public String issuedBy;

    @Column(name = "data_as_of")
    public Instant dataAsOf;

    /** The statement as issued (SoaReport JSON). */
    public String report;
}
