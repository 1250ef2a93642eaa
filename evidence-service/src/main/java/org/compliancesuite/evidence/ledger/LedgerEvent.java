package org.compliancesuite.evidence.ledger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.compliancesuite.common.chain.HashChain;

/**
 * One event of the evidence ledger before it is chained. The canonical form is what the entry's hash covers; it is
 * rebuilt from the stored columns by verification and by an auditor from the export.
 */
public record LedgerEvent(
        String tenant,
        String event,
        UUID evidenceId,
        String contentSha256,
        String actor,
        String occurredAt,
        String details) {

    public static final String CREATED = "created";
    public static final String REVIEWED = "reviewed";
    public static final String LINKS_CHANGED = "links-changed";
    public static final String LEGAL_HOLD_SET = "legal-hold-set";
    public static final String LEGAL_HOLD_RELEASED = "legal-hold-released";
    public static final String DELETED = "deleted";
    /** A signed checkpoint was stored: makes removing or changing the checkpoint row visible in the chain itself. */
    public static final String CHECKPOINT = "checkpoint";

    public static LedgerEvent of(
            String tenant, String event, UUID evidenceId, String contentSha256, String actor, Map<String, ?> details) {
        return new LedgerEvent(
                tenant,
                event,
                evidenceId,
                contentSha256,
                actor,
                Instant.now().truncatedTo(ChronoUnit.MICROS).toString(),
                HashChain.canonicalJson(details));
    }

    /** Sorted-key compact JSON of every field; a null field stays present so that dropping it is detected. */
    public String canonical() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("tenant", tenant);
        fields.put("event", event);
        fields.put("evidenceId", evidenceId == null ? null : evidenceId.toString());
        fields.put("contentSha256", contentSha256);
        fields.put("actor", actor);
        fields.put("occurredAt", occurredAt);
        fields.put("details", details);
        return HashChain.canonicalJson(fields);
    }
}
