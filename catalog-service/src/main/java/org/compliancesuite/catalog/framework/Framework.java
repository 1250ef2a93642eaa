package org.compliancesuite.catalog.framework;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.compliancesuite.common.problem.ProblemException;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A framework: built-in (no tenant, loaded from the catalog content) or a tenant's own. */
@Entity
@Table(name = "framework")
public class Framework extends PanacheEntityBase {

    public static final String ACTIVE = "active";
    public static final String RETIRED = "retired";

    @Id
    public String id;

    /** Null for the built-in frameworks every tenant sees. */
    public String tenant;

    public String name;
    public String version;
    public String description;
    public String scope;

    @Column(name = "audit_type")
    public String auditType;

    @Column(name = "audit_frequency")
    public String auditFrequency;

    @Column(name = "audit_interval_months")
    public Integer auditIntervalMonths;

    @Column(name = "cost_min_usd")
    public Integer costMinUsd;

    @Column(name = "cost_max_usd")
    public Integer costMaxUsd;

    public String status = ACTIVE;

    @Column(name = "previous_version_id")
    public String previousVersionId;

    /** The categories the requirements are organised in (SOC 2 Trust Services Criteria); null for most. */
    @JdbcTypeCode(SqlTypes.JSON)
    public List<FrameworkCategory> categories;

    /** Catalog-level OSCAL content (metadata, params, back-matter) of an imported catalog. */
    @JdbcTypeCode(SqlTypes.JSON)
    public JsonNode oscal;

    public int position;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "retired_at")
    public Instant retiredAt;

    @Column(name = "retired_by")
    public String retiredBy;

    public boolean builtIn() {
        return tenant == null;
    }

    public boolean retired() {
        return RETIRED.equals(status);
    }

    /** The frameworks the tenant can see: built-in ones and its own, built-in first. */
    public static List<Framework> visibleTo(String tenant, boolean includeRetired) {
        String retired = includeRetired ? "" : " and status = 'active'";
        return list(
                "(tenant is null or tenant = ?1)" + retired + " order by tenant nulls first, position, name, version",
                tenant);
    }

    public static Optional<Framework> findVisible(String id, String tenant) {
        return find("id = ?1 and (tenant is null or tenant = ?2)", id, tenant).firstResultOptional();
    }

    /** The framework, or 404 when it does not exist or belongs to another tenant. */
    public static Framework require(String id, String tenant) {
        return findVisible(id, tenant).orElseThrow(() -> ProblemException.notFound("no framework " + id));
    }

    /** The tenant's own active framework, for changes; built-in and retired frameworks are read-only. */
    public static Framework requireEditable(String id, String tenant) {
        Framework framework = require(id, tenant);
        if (framework.builtIn()) {
            throw ProblemException.conflict(
                    "framework " + id + " is built-in and read-only; create a custom framework");
        }
        if (framework.retired()) {
            throw ProblemException.conflict("framework " + id + " is retired and read-only");
        }
        return framework;
    }
}
