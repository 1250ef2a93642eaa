package org.compliancesuite.catalog.applicability;

/** What a bulk update stored. */
public record BulkApplicabilityResult(String frameworkId, int updated) {}
