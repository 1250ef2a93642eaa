package org.compliancesuite.catalog.audit;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/**
 * An audit that took place: its date (not in the future), its type in the framework's words (certification,
 * surveillance, ROC, SOC 2 Type II...) and the auditing firm or person.
 */
public record AuditRequest(
        @NotNull @PastOrPresent LocalDate auditDate,
        @NotBlank @Size(max = 100) String auditType,
        @NotBlank @Size(max = 200) String auditor) {}
