package org.compliancesuite.reporting.comparison;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.compliancesuite.reporting.comparison.FrameworkComparison.ComparedFramework;
import org.compliancesuite.reporting.upstream.CatalogRecords.CatalogFramework;
import org.compliancesuite.reporting.upstream.Sources;

/** Puts frameworks side by side as the catalog describes them for the caller's tenant. */
@RequestScoped
public class FrameworkComparisonService {

    @Inject
    Sources sources;

    /**
     * The named frameworks in the order named, or every framework the catalog lists when none is named; 404 when a
     * named framework is unknown to the catalog for the tenant.
     */
    public FrameworkComparison compare(List<String> ids) {
        List<CatalogFramework> frameworks = ids == null || ids.isEmpty()
                ? sources.frameworks()
                : ids.stream().map(sources::framework).toList();
        return new FrameworkComparison(
                sources.asOf(),
                frameworks.stream()
                        .map(f -> new ComparedFramework(
                                f.id(),
                                f.name(),
                                f.version(),
                                f.scope(),
                                f.auditType(),
                                f.auditFrequency(),
                                f.auditIntervalMonths(),
                                f.costMinUsd(),
                                f.costMaxUsd(),
                                f.requirementCount()))
                        .toList());
    }
}
