package org.compliancesuite.catalog.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** An external audit of a framework the tenant went through; reports compute the next one from it. */
@Entity
@Table(name = "framework_audit")
public class FrameworkAudit extends PanacheEntityBase {

    @Id
    public UUID id;

    public String tenant;

    @Column(name = "framework_id")
    public String frameworkId;

    @Column(name = "audit_date")
    public LocalDate auditDate;

    @Column(name = "audit_type")
    public String auditType;

    public String auditor;

    @Column(name = "recorded_at")
    public Instant recordedAt;

    @Column(name = "recorded_by")
    public String recordedBy;
}
