package org.compliancesuite.catalog.custom;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A tenant's own framework with its requirements and their mappings to common controls. */
public record CustomFrameworkRequest(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 50) String version,
        @Size(max = 4000) String description,
        @Size(max = 500) String scope,
        AuditType auditType,
        @Size(max = 200) String auditFrequency,
        @Min(1) @Max(120) Integer auditIntervalMonths,
        @Min(0) Integer costMinUsd,
        @Min(0) Integer costMaxUsd,
        @Size(max = 5000) List<@Valid @NotNull RequirementRequest> requirements,
        @Size(max = 20000) List<@Valid @NotNull RequirementMappingRequest> mappings) {}
