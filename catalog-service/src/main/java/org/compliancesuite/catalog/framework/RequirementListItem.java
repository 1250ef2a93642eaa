package org.compliancesuite.catalog.framework;

/** A requirement in the flat, paged list and in search results; says whether it is assessed on its own. */
public record RequirementListItem(
        String frameworkId,
        String code,
        String title,
        String parentCode,
        String kind,
        boolean required,
        boolean assessable,
        String description,
        String implementation,
        String category) {

    public static RequirementListItem of(Requirement r) {
        return new RequirementListItem(
                r.frameworkId,
                r.code,
                r.title,
                r.parentCode,
                r.kind,
                r.required,
                r.assessable,
                r.description,
                r.implementation,
                r.category);
    }
}
