package org.compliancesuite.catalog.maturity;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;

/** A new maturity assessment of a control: levels 0 (not implemented) to 4 (optimized), gaps and remediation. */
public record AssessmentRequest(
        @NotNull @Min(0) @Max(4) Integer currentLevel,
        @NotNull @Min(0) @Max(4) Integer targetLevel,
        @Size(max = 100) List<@NotBlank @Size(max = 2000) String> gaps,
        @Size(max = 100) List<@Valid @NotNull Remediation> remediation) {

    /** One remediation item; status defaults to open. */
    public record Remediation(
            @NotBlank @Size(max = 2000) String description,
            @Size(max = 200) String owner,
            LocalDate dueDate,
            RemediationStatus status) {}
}
