package org.compliancesuite.catalog.framework;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A category a framework's requirements are organised in, such as a SOC 2 Trust Services Criteria category.
 * {@code requirementCode} is the grouping requirement that holds the category's criteria; {@code alwaysInScope}
 * says whether an engagement may leave the category out (SOC 2: Security is always in scope, the others are chosen).
 * Read by Jackson from the content files and from a JSON column, hence registered for reflection.
 */
@RegisterForReflection
public record FrameworkCategory(String id, String title, String requirementCode, boolean alwaysInScope) {}
