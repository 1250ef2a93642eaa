package org.compliancesuite.evidence.item;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import org.compliancesuite.common.problem.ProblemException;

/** Review state: evidence starts submitted and is accepted or rejected once. */
public enum EvidenceState {
    SUBMITTED,
    ACCEPTED,
    REJECTED;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The value from its lower-case name, or 422 naming {@code field} and the accepted values. */
    public static EvidenceState parse(String value, String field) {
        for (EvidenceState candidate : values()) {
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
