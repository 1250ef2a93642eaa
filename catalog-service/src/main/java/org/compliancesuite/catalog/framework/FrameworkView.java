package org.compliancesuite.catalog.framework;

/** A framework as the service contract describes it. */
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
        long requirementCount) {

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
                requirementCount);
    }
}
