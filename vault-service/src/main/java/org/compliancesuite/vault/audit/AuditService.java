package org.compliancesuite.vault.audit;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.compliancesuite.common.chain.HashChain;
import org.compliancesuite.common.problem.ProblemException;
import org.compliancesuite.common.security.Caller;
import org.compliancesuite.vault.access.AccessContext;
import org.compliancesuite.vault.access.PhiGate;
import org.compliancesuite.vault.audit.AuditApi.AccessRecordView;
import org.compliancesuite.vault.audit.AuditApi.Verification;

/** Querying, verifying and (after retention) purging the caller's tenant's PHI access log. */
@ApplicationScoped
public class AuditService {

    private static final int VERIFY_PAGE = 1000;

    @Inject
    Caller caller;

    @Inject
    EntityManager em;

    @Inject
    AuditLog log;

    @Inject
    AuditReferences references;

    @Inject
    AccessContext context;

    @Inject
    PhiGate gate;

    public AuditApi.Page<AccessRecordView> search(
            String dataSubjectRef,
            String user,
            String action,
            Boolean reviewRequired,
            String from,
            String to,
            int page,
            int size) {
        admit("audit-read");
        return find(dataSubjectRef, user, action, reviewRequired, from, to, page, size);
    }

    /**
     * The per-client rate limit, as for PHI operations: the log is PHI metadata, and a bulk export is what it slows.
     */
    private void admit(String action) {
        gate.admit(context.event(action));
    }

    private AuditApi.Page<AccessRecordView> find(
            String dataSubjectRef,
            String user,
            String action,
            Boolean reviewRequired,
            String from,
            String to,
            int page,
            int size) {
        StringBuilder where = new StringBuilder("tenant = :tenant");
        Map<String, Object> params = new HashMap<>();
        params.put("tenant", caller.tenant());
        if (dataSubjectRef != null) {
            where.append(" and dataSubjectRef = :ref");
            params.put("ref", dataSubjectRef);
        }
        if (user != null) {
            where.append(" and subject = :user");
            params.put("user", user);
        }
        if (action != null) {
            where.append(" and action = :action");
            params.put("action", action);
        }
        if (reviewRequired != null) {
            // break-glass decrypts are flagged for review: reviewRequired=true lists them
            where.append(" and reviewRequired = :review");
            params.put("review", reviewRequired);
        }
        if (from != null) {
            where.append(" and occurredAt >= :from");
            params.put("from", instant("from", from));
        }
        if (to != null) {
            where.append(" and occurredAt < :to");
            params.put("to", instant("to", to));
        }
        PanacheQuery<PhiAccessRecord> query = PhiAccessRecord.find(where.toString(), Sort.by("sequence"), params)
                .page(Page.of(page, size));
        List<AccessRecordView> items =
                query.list().stream().map(AccessRecordView::of).toList();
        return new AuditApi.Page<>(items, page, size, query.count());
    }

    public AuditApi.Page<AccessRecordView> search(AuditApi.SearchRequest request) {
        admit("audit-read");
        String ref =
                request.dataSubject() == null ? null : references.dataSubject(caller.tenant(), request.dataSubject());
        return find(
                ref,
                request.user(),
                request.action(),
                request.reviewRequired(),
                request.from(),
                request.to(),
                request.page() == null ? 0 : request.page(),
                request.size() == null ? 50 : request.size());
    }

    public AccessRecordView one(UUID id) {
        admit("audit-read");
        PhiAccessRecord record = PhiAccessRecord.findById(id);
        if (record == null || !record.tenant.equals(caller.tenant())) {
            throw ProblemException.notFound("no audit record " + id);
        }
        return AccessRecordView.of(record);
    }

    /**
     * Recomputes every hash of the tenant's chain from its anchor (genesis, or the last purged entry) up to the head
     * and checks that sequences have no gap and that the head row matches the last entry, so that a deleted tail is
     * found too. The head is read first and bounds the entries read: writers that commit meanwhile append after it and
     * are left for the next verification instead of being taken for a mismatch. The whole read runs in one REPEATABLE
     * READ snapshot, so a purge committed meanwhile is not half seen either.
     */
    public Verification verify() {
        admit("audit-read");
        String tenant = caller.tenant();
        return QuarkusTransaction.requiringNew().call(() -> {
            em.createNativeQuery("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                    .executeUpdate();
            @SuppressWarnings("unchecked")
            List<Object[]> head = em.createNativeQuery(
                            "SELECT sequence, head_hash FROM phi_access_head WHERE tenant = ?1")
                    .setParameter(1, tenant)
                    .getResultList();
            long headSequence = head.isEmpty() ? 0 : ((Number) head.getFirst()[0]).longValue();
            String headHash = head.isEmpty() ? HashChain.GENESIS : (String) head.getFirst()[1];
            long expected = 1;
            String previous = HashChain.GENESIS;
            @SuppressWarnings("unchecked")
            List<Object[]> anchor = em.createNativeQuery(
                            "SELECT sequence, hash FROM phi_access_anchor WHERE tenant = ?1")
                    .setParameter(1, tenant)
                    .getResultList();
            if (!anchor.isEmpty()) {
                expected = ((Number) anchor.getFirst()[0]).longValue() + 1;
                previous = (String) anchor.getFirst()[1];
            }
            long checked = 0;
            while (expected <= headSequence) {
                List<PhiAccessRecord> page = PhiAccessRecord.find(
                                "tenant = ?1 and sequence >= ?2 and sequence <= ?3",
                                Sort.by("sequence"),
                                tenant,
                                expected,
                                headSequence)
                        .page(Page.ofSize(VERIFY_PAGE))
                        .list();
                for (PhiAccessRecord record : page) {
                    if (record.sequence != expected) {
                        return broken(checked, expected, "entry " + expected + " is missing");
                    }
                    if (!previous.equals(record.previousHash)) {
                        return broken(checked, record.sequence, "previous hash does not match the entry before");
                    }
                    String hash = HashChain.link(
                            previous, record.sequence, HashChain.canonicalJson(record.canonicalFields()));
                    if (!hash.equals(record.hash)) {
                        return broken(checked, record.sequence, "entry content does not match its hash");
                    }
                    previous = hash;
                    expected++;
                    checked++;
                }
                em.clear();
                if (page.size() < VERIFY_PAGE) {
                    break;
                }
            }
            if (headSequence != expected - 1 || !headHash.equals(previous)) {
                return new Verification(
                        false,
                        checked,
                        headSequence,
                        headHash,
                        expected,
                        "the chain head does not match the last entry: entries were removed from the end");
            }
            return new Verification(true, checked, headSequence, headHash, null, null);
        });
    }

    private static Verification broken(long checked, long sequence, String problem) {
        return new Verification(false, checked, -1, null, sequence, problem);
    }

    /**
     * Deletes the tenant's records older than {@code before}, which must lie beyond the retention period; the
     * database refuses any record still under retention in any case. The purge itself is audited, and the chain
     * is anchored at the last deleted entry so that verification still covers everything kept.
     */
    public AuditApi.PurgeResult purge(String before) {
        admit("audit-purge");
        Instant cutoff = instant("before", before);
        Instant earliestAllowed = Instant.now()
                .atOffset(ZoneOffset.UTC)
                .minusYears(log.retentionYears())
                .toInstant();
        String tenant = caller.tenant();
        if (cutoff.isAfter(earliestAllowed)) {
            log.record(context.event("audit-purge").withOutcome(AccessEvent.DENIED, "within retention"));
            context.markAudited();
            // 45 CFR 164.316(b)(2)(i): six years from creation.
            throw ProblemException.conflict("audit records are kept " + log.retentionYears()
                    + " years (AUDIT_RETENTION_YEARS); only records before " + earliestAllowed + " may be deleted");
        }
        long deleted = QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> last = em.createNativeQuery("SELECT sequence, hash FROM phi_access_record WHERE tenant = ?1"
                            + " AND occurred_at < ?2 ORDER BY sequence DESC LIMIT 1")
                    .setParameter(1, tenant)
                    .setParameter(2, Timestamp.from(cutoff))
                    .getResultList();
            if (last.isEmpty()) {
                return 0L;
            }
            long lastSequence = ((Number) last.getFirst()[0]).longValue();
            int count = em.createNativeQuery("DELETE FROM phi_access_record WHERE tenant = ?1 AND sequence <= ?2")
                    .setParameter(1, tenant)
                    .setParameter(2, lastSequence)
                    .executeUpdate();
            em.createNativeQuery("INSERT INTO phi_access_anchor (tenant, sequence, hash, purged_at, purged_by)"
                            + " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (tenant)"
                            + " DO UPDATE SET sequence = ?2, hash = ?3, purged_at = ?4, purged_by = ?5")
                    .setParameter(1, tenant)
                    .setParameter(2, lastSequence)
                    .setParameter(3, last.getFirst()[1])
                    .setParameter(4, Timestamp.from(Instant.now()))
                    .setParameter(5, caller.subject())
                    .executeUpdate();
            return (long) count;
        });
        log.record(
                context.event("audit-purge").withOutcome(AccessEvent.ALLOWED, deleted + " records before " + cutoff));
        context.markAudited();
        return new AuditApi.PurgeResult(deleted, cutoff.toString());
    }

    private static Instant instant(String field, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.unprocessable(field, "must be an ISO-8601 UTC instant such as 2026-12-03T10:15:30Z");
        }
    }
}
