package org.compliancesuite.catalog.framework;

import java.util.List;

/**
 * A framework as the service contract describes it, with its life cycle: {@code status} is active or retired,
 * {@code previousVersionId} the version it was derived from (custom frameworks), and {@code categories} the
 * categories its requirements are organised in, with which of them are always in scope (SOC 2).
 */
public record FrameworkView(
        String id,
        String name,
        String version,
        boolean builtIn,
        String scope,
        String auditType,
        String auditFrequency,
        Integer auditIntervalMonths,
        Integer costMinUsd,
        Integer costMaxUsd,
        long requirementCount,
        String status,
        String description,
        String previousVersionId,
        List<FrameworkCategory> categories) {

    public static FrameworkView of(Framework f, long requirementCount) {
        return new FrameworkView(
                f.id,
                f.name,
                f.version,
                f.builtIn(),
                f.scope,
                f.auditType,
                f.auditFrequency,
                f.auditIntervalMonths,
                f.costMinUsd,
                f.costMaxUsd,
                requirementCount,
                f.status,
                f.description,
                f.previousVersionId,
                f.categories);
    }
}
