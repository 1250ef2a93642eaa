package org.compliancesuite.evidence.item;

import com.fasterxml.jackson.annotation.JsonValue;

/** Who brought the evidence in: a person, a monitor of this service, or a client through the API. */
public enum EvidenceSource {
    MANUAL,
    MONITOR,
    API;

    @JsonValue
    public String value() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The value from its lower-case name, or 422 naming {@code field} and the accepted values. */
    public static EvidenceSource parse(String value, String field) {
        for (EvidenceSource candidate : values()) {
            if (candidate.value().equals(value)) {
                return candidate;
            }
        }
        throw org.compliancesuite.common.problem.ProblemException.unprocessable(
                field, "must be one of " + java.util.Arrays.toString(values()));
    }

    @Override
    public String toString() {
        return value();
    }
}
