package org.compliancesuite.catalog.control;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Maps a common control to a requirement of a custom framework. */
public record MappingRequest(
        @NotBlank @Size(max = 100) String controlId,
        @NotNull Relationship relationship,
        @NotBlank @Size(max = 500) String rationale) {}
