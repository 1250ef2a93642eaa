package org.compliancesuite.catalog.framework;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** A framework: built-in (no tenant) or a tenant's own. */
@Entity
@Table(name = "framework")
public class Framework extends PanacheEntityBase {

    @Id
    public String id;

    /** Null for the built-in frameworks every tenant sees. */
    public String tenant;

    public String name;
    public String version;

    @Column(name = "created_at")
    public Instant createdAt;

    /** The frameworks the tenant can see: built-in ones and its own. */
    public static List<Framework> visibleTo(String tenant) {
        return list("tenant is null or tenant = ?1 order by id", tenant);
    }
}
