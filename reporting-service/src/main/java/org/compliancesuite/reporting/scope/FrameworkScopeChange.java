package org.compliancesuite.reporting.scope;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One change of a tenant's framework scope: what it became, what it was, who changed it and when. */
@Entity
@Table(name = "framework_scope_change")
public class FrameworkScopeChange extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String tenant;

    @Column(name = "framework_ids")
    public String[] frameworkIds;

    @Column(name = "previous_ids")
    public String[] previousIds;

    @Column(name = "changed_at")
    public Instant changedAt;

    @Column(name = "changed_by")
    public String changedBy;
}
