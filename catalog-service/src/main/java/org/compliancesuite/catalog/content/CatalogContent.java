package org.compliancesuite.catalog.content;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import org.compliancesuite.catalog.framework.FrameworkCategory;

/**
 * The shape of the built-in data files under {@code src/main/resources/catalog/}. Read by Jackson outside any REST
 * endpoint (in the migration), hence registered for reflection.
 */
public final class CatalogContent {

    private CatalogContent() {}

    /** {@code frameworks.json}: the content version and the metadata of each built-in framework. */
    @RegisterForReflection
    public record Index(String contentVersion, List<FrameworkEntry> frameworks) {}

    /**
     * One built-in framework and the file holding its requirements; {@code categories} is null unless the framework
     * is organised in categories with a scope of their own (SOC 2).
     */
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
            List<FrameworkCategory> categories,
            String file) {}

    /**
     * One requirement. {@code assessable} is null unless the file overrides the framework's assessable kinds (a
     * grouping clause such as ISO 6.1 whose sub-clauses are assessed instead). {@code implementation} is the HIPAA
     * designation (required or addressable) and {@code category} the SOC 2 category; both null elsewhere.
     */
    @RegisterForReflection
    public record RequirementEntry(
            String code,
            String title,
            String parentCode,
            String kind,
            boolean required,
            Boolean assessable,
            String description,
            String implementation,
            String category) {}

    /** {@code controls.json}: one common control and its mappings. */
    @RegisterForReflection
    public record ControlEntry(
            String id, String title, String description, String evidenceFrequency, List<MappingEntry> mappings) {}

    @RegisterForReflection
    public record MappingEntry(String frameworkId, String requirementCode, String relationship, String rationale) {}
}
