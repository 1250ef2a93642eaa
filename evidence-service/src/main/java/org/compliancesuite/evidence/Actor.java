package org.compliancesuite.evidence;

import org.compliancesuite.common.security.Caller;
import org.compliancesuite.common.security.Roles;

/**
 * Who performs a write: the caller of a request, or the service account of a scheduled job. Service logic takes an
 * actor instead of reading the request's token, so the same code runs on a schedule.
 *
 * @param collector whether the actor is a collecting client (evidence it sends is of source {@code api})
 */
public record Actor(String tenant, String subject, String client, boolean collector) {

    public static Actor of(Caller caller) {
        return new Actor(caller.tenant(), caller.subject(), caller.client(), caller.hasRole(Roles.EVIDENCE_COLLECTOR));
    }
}
