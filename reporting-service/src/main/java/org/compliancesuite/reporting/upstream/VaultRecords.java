package org.compliancesuite.reporting.upstream;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/** The key metadata vault-service answers with (README "Service contracts"); never key material. */
@RegisterForReflection
public final class VaultRecords {

    private VaultRecords() {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record VaultKey(
            String name,
            String purpose,
            Integer latestVersion,
            Integer minDecryptionVersion,
            Integer rotationPeriodDays,
            Boolean autoRotate,
            List<KeyVersion> versions) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record KeyVersion(Integer version, Instant createdAt) {}
}
