package org.compliancesuite.catalog.change;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Map;
import org.compliancesuite.common.security.Caller;

/**
 * Records every change to applicability, maturity, audits and custom content, inside the transaction of the change
 * itself: a change that is stored always has its record, and a refused one leaves none.
 */
@ApplicationScoped
public class ChangeLog {

    @Inject
    Caller caller;

    @Transactional(Transactional.TxType.MANDATORY)
    public ChangeRecord record(
            String entityType, String entityId, String action, Instant at, Map<String, Object> detail) {
        ChangeRecord record = new ChangeRecord();
        record.tenant = caller.tenant();
        record.entityType = entityType;
        record.entityId = entityId;
        record.action = action;
        record.changedBy = caller.subject();
        record.changedAt = at;
        record.detail = detail;
        record.persist();
        return record;
    }
}
