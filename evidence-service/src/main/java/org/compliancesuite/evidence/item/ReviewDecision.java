package org.compliancesuite.evidence.item;

import com.fasterxml.jackson.annotation.JsonValue;

public enum ReviewDecision {
    ACCEPTED,
    REJECTED;

    @JsonValue
    public String value() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String toString() {
        return value();
    }
}
