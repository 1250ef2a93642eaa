package org.compliancesuite.reporting.scope;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The frameworks one tenant pursues; an empty list means none was chosen. */
@Entity
@Table(name = "framework_scope")
public class FrameworkScope extends PanacheEntityBase {

    @Id
    public String tenant;

    @Column(name = "framework_ids")
    public String[] frameworkIds;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "updated_by")
    public String updatedBy;
}
