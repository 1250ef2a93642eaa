package org.compliancesuite.catalog.custom;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The version label of a new version of a custom framework. */
public record NewVersionRequest(@NotBlank @Size(max = 50) String version) {}
