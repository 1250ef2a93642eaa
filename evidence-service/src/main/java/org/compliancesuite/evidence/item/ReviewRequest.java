package org.compliancesuite.evidence.item;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A review decision; a rejection must say why. */
public record ReviewRequest(
        @NotNull ReviewDecision decision, @Size(max = 2000) String reason) {}
