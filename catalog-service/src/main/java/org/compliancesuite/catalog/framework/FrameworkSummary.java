package org.compliancesuite.catalog.framework;

/** A framework as listed to clients. */
public record FrameworkSummary(String id, String name, String version, boolean builtIn) {

    static FrameworkSummary of(Framework f) {
        return new FrameworkSummary(f.id, f.name, f.version, f.tenant == null);
    }
}
