package org.compliancesuite.vault.keys;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;

/** Key metadata as other services read it (README "Service contracts"); never key material. */
public final class KeyApi {

    private KeyApi() {}

    public record KeyVersionView(int version, String createdAt) {}

    public record KeyView(
            String name,
            String purpose,
            int latestVersion,
            int minDecryptionVersion,
            Integer rotationPeriodDays,
            boolean autoRotate,
            List<KeyVersionView> versions) {}

    /** Either or both; a rotation period of 0 turns auto-rotation off. */
    public record KeyConfigRequest(
            @Min(1) Integer minDecryptionVersion,
            @Min(0) @Max(3650) Integer rotationPeriodDays) {}
}
