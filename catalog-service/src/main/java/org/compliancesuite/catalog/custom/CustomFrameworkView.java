package org.compliancesuite.catalog.custom;

import java.time.Instant;
import org.compliancesuite.catalog.framework.Framework;

/** A framework with its life cycle: status, the version it was derived from, who created and retired it. */
public record CustomFrameworkView(
        String id,
        String name,
        String version,
        boolean builtIn,
        String status,
        String previousVersionId,
        long requirementCount,
        String createdBy,
        Instant createdAt,
        String retiredBy,
        Instant retiredAt) {

    static CustomFrameworkView of(Framework f, long requirementCount) {
        return new CustomFrameworkView(
                f.id,
                f.name,
                f.version,
                f.builtIn(),
                f.status,
                f.previousVersionId,
                requirementCount,
                f.createdBy,
                f.createdAt,
                f.retiredBy,
                f.retiredAt);
    }
}
