package org.compliancesuite.vault.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import org.compliancesuite.common.problem.ProblemException;
import org.compliancesuite.common.security.Caller;
import org.compliancesuite.vault.audit.AccessEvent;
import org.compliancesuite.vault.audit.AuditLog;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The checks every PHI operation passes after its role check: the per-client rate limit and, for reads, the purpose
 * of use. A refusal is audited before it is answered.
 */
@ApplicationScoped
public class PhiGate {

    public static final String PURPOSE_HEADER = "X-Purpose-Of-Use";
    public static final String JUSTIFICATION_HEADER = "X-Break-Glass-Justification";
    static final int MIN_JUSTIFICATION = 20;

    @Inject
    AccessContext context;

    @Inject
    Caller caller;

    @Inject
    RateLimiter limiter;

    @Inject
    AuditLog audit;

    @ConfigProperty(name = "vault.break-glass-role")
    String breakGlassRole;

    /** Refuses with 429 and Retry-After when the caller's client is over its limit. */
    public void admit(AccessEvent base) {
        long wait = limiter.acquire(caller.tenant(), context.rateLimitClient());
        if (wait > 0) {
            refuse(base, "rate-limited");
            throw new ProblemException(
                    429,
                    "Too Many Requests",
                    "the client's request rate limit is exceeded; retry after " + wait + " s",
                    null,
                    Map.of("Retry-After", String.valueOf(wait)));
        }
    }

    /**
     * The purpose of use of a read, with break-glass rules: a justification of at least 20 characters, the
     * configured break-glass role, and a record flagged for review (45 CFR 164.312(a)(2)(ii) emergency access).
     */
    public AccessEvent purpose(AccessEvent base) {
        String header = context.header(PURPOSE_HEADER);
        PurposeOfUse purpose = PurposeOfUse.of(header).orElse(null);
        if (purpose == null) {
            refuse(base, "missing or unknown purpose of use");
            throw ProblemException.badRequest("the " + PURPOSE_HEADER
                    + " header must be one of treatment, payment, operations, audit, legal, break-glass");
        }
        if (purpose != PurposeOfUse.BREAK_GLASS) {
            return with(base, purpose.value(), null, false);
        }
        String justification = context.header(JUSTIFICATION_HEADER);
        justification = justification == null ? null : justification.strip();
        AccessEvent glass = with(base, purpose.value(), justification, true);
        if (!caller.hasRole(breakGlassRole)) {
            refuse(glass, "break-glass not allowed to this role");
            throw new ProblemException(403, "Forbidden", "break-glass access needs the '" + breakGlassRole + "' role");
        }
        if (justification == null || justification.length() < MIN_JUSTIFICATION) {
            refuse(glass, "break-glass without justification");
            throw ProblemException.badRequest("break-glass access needs a " + JUSTIFICATION_HEADER
                    + " header of at least " + MIN_JUSTIFICATION + " characters");
        }
        return glass;
    }

    private static AccessEvent with(AccessEvent base, String purpose, String justification, boolean review) {
        return new AccessEvent(
                base.tenant(),
                base.subject(),
                base.client(),
                base.action(),
                purpose,
                justification,
                base.dataSubjectRef(),
                base.recordRef(),
                base.sourceIp(),
                base.result(),
                base.reason(),
                base.keyName(),
                base.keyVersion(),
                review);
    }

    /** Writes the refusal and marks the request as audited. */
    public void refuse(AccessEvent base, String reason) {
        audit.record(base.withOutcome(AccessEvent.DENIED, reason));
        context.markAudited();
    }
}
