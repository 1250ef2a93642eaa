package org.compliancesuite.evidence.retention;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.compliancesuite.common.chain.ChainHead;
import org.compliancesuite.common.problem.ProblemException;
import org.compliancesuite.evidence.Actor;
import org.compliancesuite.evidence.freshness.ControlSummaries;
import org.compliancesuite.evidence.item.ContentStore;
import org.compliancesuite.evidence.item.EvidenceItem;
import org.compliancesuite.evidence.item.EvidenceService;
import org.compliancesuite.evidence.ledger.Ledger;
import org.compliancesuite.evidence.ledger.LedgerEvent;

/** Legal holds and deletion at the end of retention; each is a ledger event. */
@ApplicationScoped
public class RetentionService {

    @Inject
    EvidenceService evidence;

    @Inject
    ContentStore contentStore;

    @Inject
    ControlSummaries summaries;

    @Inject
    Ledger ledger;

    @Inject
    EntityManager em;

    /**
     * Removes the content of evidence whose retention has ended. The metadata row stays as a tombstone and the ledger
     * records the deletion with the digest of what was removed.
     *
     * @throws ProblemException 409 while retention runs or a legal hold is set
     */
    @Transactional
    public EvidenceItem delete(Actor actor, UUID id) {
        ChainHead head = ledger.lock(actor.tenant());
        EvidenceItem item = evidence.live(actor.tenant(), id);
        if (item.legalHold) {
            throw ProblemException.conflict("a legal hold is set on this evidence");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (now.isBefore(item.retainUntil)) {
            throw ProblemException.conflict("retained until " + item.retainUntil + " (" + item.retentionBasis + ")");
        }

        contentStore.delete(item.contentId);
        item.deletedAt = now;
        item.deletedBy = actor.subject();
        for (String controlId : item.controlIds) {
            summaries.count(
                    actor.tenant(), controlId, summaries.frequencyOf(actor.tenant(), controlId), item.state(), -1);
            summaries.forgetLatestAccepted(actor.tenant(), controlId, item.id);
        }

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("retainUntil", item.retainUntil.toString());
        details.put("retentionBasis", item.retentionBasis);
        details.put("deletedAt", now.toString());
        ledger.append(
                head,
                LedgerEvent.of(actor.tenant(), LedgerEvent.DELETED, item.id, item.sha256, actor.subject(), details));
        Log.infof("evidence %s deleted after retention by %s", item.id, actor.subject());
        return item;
    }

    @Transactional
    public EvidenceItem hold(Actor actor, UUID id, String reason) {
        ChainHead head = ledger.lock(actor.tenant());
        EvidenceItem item = evidence.live(actor.tenant(), id);
        item.legalHold = true;
        item.legalHoldReason = reason;
        item.legalHoldBy = actor.subject();
        item.legalHoldAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reason", reason);
        details.put("heldAt", item.legalHoldAt.toString());
        ledger.append(
                head,
                LedgerEvent.of(
                        actor.tenant(), LedgerEvent.LEGAL_HOLD_SET, item.id, item.sha256, actor.subject(), details));
        Log.infof("legal hold set on evidence %s by %s", item.id, actor.subject());
        return item;
    }

    @Transactional
    public EvidenceItem release(Actor actor, UUID id) {
        ChainHead head = ledger.lock(actor.tenant());
        EvidenceItem item = evidence.live(actor.tenant(), id);
        if (!item.legalHold) {
            throw ProblemException.conflict("no legal hold is set on this evidence");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("heldSince", item.legalHoldAt.toString());
        details.put("reason", item.legalHoldReason);
        item.legalHold = false;
        item.legalHoldReason = null;
        item.legalHoldBy = actor.subject();
        item.legalHoldAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        details.put("releasedAt", item.legalHoldAt.toString());
        ledger.append(
                head,
                LedgerEvent.of(
                        actor.tenant(),
                        LedgerEvent.LEGAL_HOLD_RELEASED,
                        item.id,
                        item.sha256,
                        actor.subject(),
                        details));
        Log.infof("legal hold released on evidence %s by %s", item.id, actor.subject());
        return item;
    }
}
