package org.compliancesuite.evidence.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A framework requirement as catalog-service answers it; only the fields this service uses. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CatalogRequirement(String frameworkId, String code, String title) {}
