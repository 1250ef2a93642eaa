package org.compliancesuite.evidence.item;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import org.compliancesuite.common.problem.ProblemException;

/** Who brought the evidence in: a person, a monitor of this service, or a client through the API. */
public enum EvidenceSource {
    MANUAL,
    MONITOR,
    API;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The value from its lower-case name, or 422 naming {@code field} and the accepted values. */
    public static EvidenceSource parse(String value, String field) {
        for (EvidenceSource candidate : values()) {
            if (candidate.value().equals(value)) {
                return candidate;
            }
        }
        throw ProblemException.unprocessable(field, "must be one of " + Arrays.toString(values()));
    }

    @Override
    public String toString() {
        return value();
    }
}
