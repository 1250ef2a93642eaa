package org.compliancesuite.evidence.sampling;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/**
 * What to sample. {@code seed} repeats an earlier draw; without it a random seed is chosen and recorded. Seeds stay
 * below 2^53 so that every JSON client reads them exactly.
 */
public record SampleRequest(
        @NotBlank @Size(max = 100) String controlId,
        @NotNull LocalDate periodStart,
        @NotNull LocalDate periodEnd,
        @Min(0) @Max(9_007_199_254_740_991L) Long seed) {}
