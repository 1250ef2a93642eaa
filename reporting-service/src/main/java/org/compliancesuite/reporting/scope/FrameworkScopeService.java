package org.compliancesuite.reporting.scope;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.compliancesuite.common.problem.Problem;
import org.compliancesuite.common.problem.ProblemException;
import org.compliancesuite.common.security.Caller;
import org.compliancesuite.reporting.upstream.CatalogRecords.CatalogFramework;
import org.compliancesuite.reporting.upstream.Sources;

/**
 * The frameworks a tenant pursues. A tenant working toward ISO 27001 alone must not see its overall score lowered by
 * frameworks it does not pursue, so the overall score and the dashboard's frameworks are limited to the scope; with
 * no scope chosen, every framework the catalog lists for the tenant counts, and the answer says so.
 */
@RequestScoped
public class FrameworkScopeService {

    @Inject
    Sources sources;

    @Inject
    FrameworkScopeStore store;

    @Inject
    Caller caller;

    /** The catalog frameworks that count for the caller's tenant, in catalog order, and the scope that chose them. */
    public Applied apply(List<CatalogFramework> catalog) {
        FrameworkScope stored = store.find(caller.tenant());
        List<String> chosen = stored == null ? List.of() : List.of(stored.frameworkIds);
        if (chosen.isEmpty()) {
            return new Applied(
                    catalog,
                    new FrameworkScopeView(
                            catalog.stream().map(CatalogFramework::id).toList(),
                            false,
                            List.of(),
                            stored == null ? null : stored.updatedAt,
                            stored == null ? null : stored.updatedBy,
                            FrameworkScopeView.RULE));
        }
        Set<String> inCatalog = new LinkedHashSet<>();
        catalog.forEach(f -> inCatalog.add(f.id()));
        List<CatalogFramework> selected =
                catalog.stream().filter(f -> chosen.contains(f.id())).toList();
        List<String> missing =
                chosen.stream().filter(id -> !inCatalog.contains(id)).toList();
        return new Applied(
                selected,
                new FrameworkScopeView(
                        chosen, true, missing, stored.updatedAt, stored.updatedBy, FrameworkScopeView.RULE));
    }

    /** The scope as the dashboard applies it; reads the catalog to list every framework when none was chosen. */
    public FrameworkScopeView current() {
        return apply(sources.frameworks()).scope();
    }

    /**
     * Sets the scope. 422 naming the entry when a framework is not one the catalog lists for the tenant (the catalog
     * is asked with the caller's token); duplicates are dropped, the order kept.
     */
    public FrameworkScopeView replace(ScopeRequest request) {
        Set<String> known = new LinkedHashSet<>();
        sources.frameworks().forEach(f -> known.add(f.id()));
        List<Problem.FieldViolation> unknown = new ArrayList<>();
        Set<String> frameworks = new LinkedHashSet<>();
        for (int i = 0; i < request.frameworks().size(); i++) {
            String id = request.frameworks().get(i).trim();
            if (!known.contains(id)) {
                unknown.add(new Problem.FieldViolation(
                        "frameworks[" + i + "]", "is not a framework the catalog lists for the tenant"));
            }
            frameworks.add(id);
        }
        if (!unknown.isEmpty()) {
            throw new ProblemException(
                    422,
                    "Unprocessable Content",
                    unknown.size() + " unknown framework(s) in the scope",
                    unknown,
                    Map.of());
        }

        store.replace(caller.tenant(), List.copyOf(frameworks), caller.subject(), now());
        Log.infof("Framework scope of tenant %s set to %d framework(s)", caller.tenant(), frameworks.size());
        return current();
    }

    /** Clears the scope: every framework counts again. The change is recorded like any other. */
    public FrameworkScopeView clear() {
        store.replace(caller.tenant(), List.of(), caller.subject(), now());
        Log.infof("Framework scope of tenant %s cleared", caller.tenant());
        return current();
    }

    public ScopeChangePage changes(int page, int size) {
        return store.changes(caller.tenant(), page, size);
    }

    private static Instant now() {
        // Millisecond precision: stored in PostgreSQL (microseconds) and compared in JSON.
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** The frameworks that count and the scope that selected them. */
    public record Applied(List<CatalogFramework> frameworks, FrameworkScopeView scope) {}
}
