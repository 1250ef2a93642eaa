package org.compliancesuite.catalog.framework;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.compliancesuite.common.problem.ProblemException;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One requirement of a framework, identified by its exact code (A.8.5, 8.4.2, 164.312(b), CC6.1). */
@Entity
@Table(name = "requirement")
public class Requirement extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "framework_id")
    public String frameworkId;

    public String code;
    public String title;
    public String description;

    @Column(name = "parent_code")
    public String parentCode;

    public String kind;
    public boolean required;

    /** HIPAA Security Rule: "required" or "addressable" (45 CFR 164.306(d)); null where it does not apply. */
    public String implementation;

    /** SOC 2: the Trust Services Criteria category (security, availability, ...); null where it does not apply. */
    public String category;

    /** False for grouping nodes (themes, clauses, principal requirements) that are not assessed on their own. */
    public boolean assessable;

    public int position;

    @Column(name = "oscal_id")
    public String oscalId;

    /** OSCAL content beyond id, title and children (class, params, props, parts, links). */
    @JdbcTypeCode(SqlTypes.JSON)
    public JsonNode oscal;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "created_by")
    public String createdBy;

    public static List<Requirement> ofFramework(String frameworkId) {
        return list("frameworkId = ?1 order by position", frameworkId);
    }

    /** The requirement, or 404. The framework must already have been checked as visible to the caller. */
    public static Requirement require(String frameworkId, String code) {
        return find("frameworkId = ?1 and code = ?2", frameworkId, code)
                .<Requirement>firstResultOptional()
                .orElseThrow(
                        () -> ProblemException.notFound("no requirement " + code + " in framework " + frameworkId));
    }
}
