package org.compliancesuite.catalog.framework;

/**
 * One requirement as the service contract describes it. {@code required} is kept for the readers that rely on it;
 * {@code implementation} names the HIPAA designation (required or addressable) and {@code category} the SOC 2
 * category, both null where they do not apply.
 */
public record RequirementView(
        String frameworkId,
        String code,
        String title,
        String parentCode,
        String kind,
        boolean required,
        String implementation,
        String category) {

    public static RequirementView of(Requirement r) {
        return new RequirementView(
                r.frameworkId, r.code, r.title, r.parentCode, r.kind, r.required, r.implementation, r.category);
    }
}
