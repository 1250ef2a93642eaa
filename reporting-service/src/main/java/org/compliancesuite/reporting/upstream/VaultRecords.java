package org.compliancesuite.reporting.upstream;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/** The key metadata vault-service answers with (README "Service contracts"); never key material. */
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
