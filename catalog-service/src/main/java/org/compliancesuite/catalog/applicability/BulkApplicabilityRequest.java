package org.compliancesuite.catalog.applicability;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;

/** Decisions on many requirements of one framework, stored all together or not at all. */
public record BulkApplicabilityRequest(
        @NotEmpty @Size(max = 5000) List<@Valid @NotNull Item> items) {

    /** One requirement's decision, named by its code. */
    public record Item(
            @NotBlank @Size(max = 200) String code,
            @NotNull Boolean applicable,
            @Size(max = 4000) String justification,
            ImplementationStatus status,
            @Size(max = 200) String owner,
            LocalDate targetDate) {

        ApplicabilityRequest decision() {
            return new ApplicabilityRequest(applicable, justification, status, owner, targetDate);
        }
    }
}
