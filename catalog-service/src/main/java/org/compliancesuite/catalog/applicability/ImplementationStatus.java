package org.compliancesuite.catalog.applicability;

import com.fasterxml.jackson.annotation.JsonValue;

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
}
