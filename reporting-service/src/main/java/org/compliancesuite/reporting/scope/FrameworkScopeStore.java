package org.compliancesuite.reporting.scope;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import org.compliancesuite.reporting.scope.ScopeChangePage.ScopeChange;

/** Stores each tenant's framework scope and the record of every change to it. */
@ApplicationScoped
public class FrameworkScopeStore {

    @Inject
    EntityManager em;

    /** The tenant's stored scope, or null when it never chose one. */
    public FrameworkScope find(String tenant) {
        return FrameworkScope.findById(tenant);
    }

    /**
     * Replaces the tenant's scope (empty clears it) and records who changed it from what, in one transaction.
     * Concurrent changes of one tenant are serialised by a row lock, so each change record names the scope it
     * replaced.
     */
    @Transactional
    public FrameworkScope replace(String tenant, List<String> frameworks, String subject, Instant now) {
        // The row must exist before it can be locked; a first change creates it empty (no scope).
        em.createNativeQuery("INSERT INTO framework_scope (tenant, framework_ids, updated_at, updated_by)"
                        + " VALUES (?1, '{}', ?2, ?3) ON CONFLICT (tenant) DO NOTHING")
                .setParameter(1, tenant)
                .setParameter(2, now)
                .setParameter(3, subject)
                .executeUpdate();
        FrameworkScope scope = em.find(FrameworkScope.class, tenant, LockModeType.PESSIMISTIC_WRITE);

        FrameworkScopeChange change = new FrameworkScopeChange();
        change.tenant = tenant;
        change.previousIds = scope.frameworkIds;
        change.frameworkIds = frameworks.toArray(String[]::new);
        change.changedAt = now;
        change.changedBy = subject;
        change.persist();

        scope.frameworkIds = change.frameworkIds;
        scope.updatedAt = now;
        scope.updatedBy = subject;
        return scope;
    }

    /** The tenant's scope changes, newest first. */
    public ScopeChangePage changes(String tenant, int page, int size) {
        var query = FrameworkScopeChange.<FrameworkScopeChange>find(
                        "tenant", Sort.descending("changedAt").and("id", Sort.Direction.Descending), tenant)
                .page(page, size);
        List<ScopeChange> items = query.list().stream()
                .map(c -> new ScopeChange(List.of(c.frameworkIds), List.of(c.previousIds), c.changedAt, c.changedBy))
                .toList();
        return new ScopeChangePage(items, page, size, query.count());
    }
}
