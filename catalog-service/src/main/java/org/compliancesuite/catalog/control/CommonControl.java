package org.compliancesuite.catalog.control;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.compliancesuite.common.problem.ProblemException;

/**
 * A control implemented once and counted for every framework requirement it is mapped to (mfa, tls,
 * audit-logging...). Common controls are built-in content shared by all tenants.
 */
@Entity
@Table(name = "common_control")
public class CommonControl extends PanacheEntityBase {

    @Id
    public String id;

    public String title;
    public String description;

    @Column(name = "evidence_frequency")
    public String evidenceFrequency;

    public int position;

    public static CommonControl require(String id) {
        CommonControl control = findById(id);
        if (control == null) {
            throw ProblemException.notFound("no common control " + id);
        }
        return control;
    }
}
