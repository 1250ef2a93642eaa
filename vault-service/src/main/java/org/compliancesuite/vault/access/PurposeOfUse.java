package org.compliancesuite.vault.access;

import java.util.Arrays;
import java.util.Optional;

/**
 * Why PHI is being read, sent in the {@code X-Purpose-Of-Use} header. The HIPAA minimum necessary standard
 * (45 CFR 164.502(b)) asks that each disclosure have a purpose; treatment, payment and operations are the routine
 * purposes of 164.506, audit and legal cover oversight and legal process, and break-glass is emergency access.
 */
public enum PurposeOfUse {
    TREATMENT("treatment"),
    PAYMENT("payment"),
    OPERATIONS("operations"),
    AUDIT("audit"),
    LEGAL("legal"),
    BREAK_GLASS("break-glass");

    private final String value;

    PurposeOfUse(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<PurposeOfUse> of(String header) {
        return header == null
                ? Optional.empty()
                : Arrays.stream(values())
                        .filter(p -> p.value.equals(header.strip()))
                        .findFirst();
    }
}
