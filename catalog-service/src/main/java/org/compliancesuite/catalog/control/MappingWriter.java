package org.compliancesuite.catalog.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.compliancesuite.catalog.change.ChangeLog;
import org.compliancesuite.catalog.framework.Requirement;
import org.compliancesuite.common.problem.ProblemException;
import org.compliancesuite.common.security.Caller;

/** Adds mappings to the requirements of a tenant's custom frameworks. */
@ApplicationScoped
public class MappingWriter {

    @Inject
    Caller caller;

    @Inject
    ChangeLog changes;

    /**
     * Maps a control to a requirement the caller's tenant owns (the caller has checked the framework is editable).
     * Refuses an unknown control (422, it is a reference in the body) and a mapping that already exists (409).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public ControlMapping add(
            Requirement requirement,
            String controlId,
            Relationship relationship,
            String rationale,
            String field,
            Instant at) {
        if (CommonControl.findById(controlId) == null) {
            throw ProblemException.unprocessable(field, "no common control " + controlId);
        }
        if (ControlMapping.count("controlId = ?1 and requirementId = ?2", controlId, requirement.id) > 0) {
            throw ProblemException.conflict(
                    "control " + controlId + " is already mapped to requirement " + requirement.code);
        }
        ControlMapping mapping = new ControlMapping();
        mapping.id = UUID.randomUUID();
        mapping.controlId = controlId;
        mapping.requirementId = requirement.id;
        mapping.tenant = caller.tenant();
        mapping.relationship = relationship.toString();
        mapping.rationale = rationale;
        mapping.createdAt = at;
        mapping.createdBy = caller.subject();
        mapping.persist();
        return mapping;
    }

    /** Records the change for a mapping added on its own (not as part of a framework creation). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordAdded(Requirement requirement, ControlMapping mapping) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("frameworkId", requirement.frameworkId);
        detail.put("requirementCode", requirement.code);
        detail.put("controlId", mapping.controlId);
        detail.put("relationship", mapping.relationship);
        changes.record("control-mapping", mapping.id.toString(), "created", mapping.createdAt, detail);
    }
}
