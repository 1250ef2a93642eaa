package org.compliancesuite.catalog.framework;

/** One requirement as the service contract describes it. */
public record RequirementView(
        String frameworkId, String code, String title, String parentCode, String kind, boolean required) {

    public static RequirementView of(Requirement r) {
        return new RequirementView(r.frameworkId, r.code, r.title, r.parentCode, r.kind, r.required);
    }
}
