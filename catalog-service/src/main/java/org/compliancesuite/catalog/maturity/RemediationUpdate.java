package org.compliancesuite.catalog.maturity;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/** Moves a remediation item: its status, and optionally a new owner or due date. */
public record RemediationUpdate(
        @NotNull RemediationStatus status, @Size(max = 200) String owner, LocalDate dueDate) {}
