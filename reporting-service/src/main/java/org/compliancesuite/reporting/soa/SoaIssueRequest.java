package org.compliancesuite.reporting.soa;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Issue the current Statement of Applicability as a numbered version.
 *
 * @param version the document version, unique per tenant (e.g. {@code 2026.1})
 * @param approver who approved the statement (name and role)
 */
public record SoaIssueRequest(
        @NotBlank
        @Size(max = 40)
        @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]*", message = "letters, digits, '.', '-', '_'")
        String version,

        @NotBlank @Size(max = 200) String approver) {}
