package org.compliancesuite.catalog.content;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * The shape of the built-in data files under {@code src/main/resources/catalog/}. Read by Jackson outside any REST
 * endpoint (in the migration), hence registered for reflection.
 */
public final class CatalogContent {

    private CatalogContent() {}

    /** {@code frameworks.json}: the content version and the metadata of each built-in framework. */
    @RegisterForReflection
    public record Index(String contentVersion, List<FrameworkEntry> frameworks) {}

    /** One built-in framework and the file holding its requirements. */
    @RegisterForReflection
    public record FrameworkEntry(
            String id,
            String name,
            String version,
            String description,
            String scope,
            String auditType,
            String auditFrequency,
            int auditIntervalMonths,
            int costMinUsd,
            int costMaxUsd,
            List<String> assessableKinds,
            String file) {}

    /**
     * One requirement. {@code assessable} is null unless the file overrides the framework's assessable kinds (a
     * grouping clause such as ISO 6.1 whose sub-clauses are assessed instead).
     */
    @RegisterForReflection
    public record RequirementEntry(
            String code,
            String title,
            String parentCode,
            String kind,
            boolean required,
            Boolean assessable,
            String description) {}

    /** {@code controls.json}: one common control and its mappings. */
    @RegisterForReflection
    public record ControlEntry(
            String id, String title, String description, String evidenceFrequency, List<MappingEntry> mappings) {}

    @RegisterForReflection
    public record MappingEntry(String frameworkId, String requirementCode, String relationship, String rationale) {}
}
