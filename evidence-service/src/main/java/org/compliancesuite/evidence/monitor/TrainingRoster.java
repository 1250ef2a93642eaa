package org.compliancesuite.evidence.monitor;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;

/** Who was assigned which security training and when they completed it (null: not yet). */
public record TrainingRoster(
        @NotEmpty @Size(max = 1_000_000) List<@Valid @NotNull Assignment> assignments) {

    public record Assignment(
            @NotBlank @Size(max = 300) String person,
            @NotBlank @Size(max = 300) String course,
            @NotNull LocalDate assignedAt,
            LocalDate completedAt) {}
}
