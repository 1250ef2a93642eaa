package org.compliancesuite.catalog.applicability;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** Where the tenant stands on implementing a requirement. */
public enum ImplementationStatus {
    NOT_STARTED("not-started"),
    PLANNED("planned"),
    PARTIAL("partial"),
    IMPLEMENTED("implemented"),
    NOT_APPLICABLE("not-applicable");

    private final String value;

    ImplementationStatus(String value) {
        this.value = value;
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }

    static ImplementationStatus of(String value) {
        return Arrays.stream(values())
                .filter(s -> s.value.equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("stored status " + value + " is not a known status"));
    }
}
