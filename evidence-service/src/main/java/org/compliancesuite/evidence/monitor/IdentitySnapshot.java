package org.compliancesuite.evidence.monitor;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/** An export of the accounts of an identity provider. {@code lastLogin} null means the account never signed in. */
public record IdentitySnapshot(
        @NotEmpty @Size(max = 1_000_000) List<@Valid @NotNull Account> accounts) {

    public record Account(
            @NotBlank @Size(max = 300) String id,
            @NotNull Boolean mfaEnabled,
            Instant lastLogin,
            @NotNull Boolean privileged,
            @NotNull @Min(0) Integer passwordMinLength) {}
}
