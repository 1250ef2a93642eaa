package org.compliancesuite.reporting.scope;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The frameworks the tenant pursues, as catalog framework ids (e.g. {@code iso27001-2022}).
 *
 * @param frameworks at least one; each must be a framework the catalog lists for the tenant
 */
public record ScopeRequest(
        @NotNull @Size(min = 1, max = 100) List<@NotBlank @Size(max = 100) String> frameworks) {}
