package org.compliancesuite.evidence.retention;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Why evidence must be kept whatever its retention period says (litigation, investigation, audit). */
public record LegalHoldRequest(@NotBlank @Size(max = 2000) String reason) {}
