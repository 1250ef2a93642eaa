package org.compliancesuite.evidence.item;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

public enum ReviewDecision {
    ACCEPTED,
    REJECTED;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return value();
    }
}
