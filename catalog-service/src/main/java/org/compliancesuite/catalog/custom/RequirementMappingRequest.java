package org.compliancesuite.catalog.custom;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.compliancesuite.catalog.control.Relationship;

/** Maps a common control to a requirement listed in the same custom framework request. */
public record RequirementMappingRequest(
        @NotBlank @Size(max = 100) String requirementCode,
        @NotBlank @Size(max = 100) String controlId,
        @NotNull Relationship relationship,
        @NotBlank @Size(max = 500) String rationale) {}
