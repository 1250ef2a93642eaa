package org.compliancesuite.evidence.sampling;

import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Locale;

/** An auditor's result for one sampled item; an exception needs a note. */
public record TestResult(
        @NotNull Outcome result, @Size(max = 4000) String note) {

    public enum Outcome {
        PASS,
        EXCEPTION;

        @JsonValue
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }

        @Override
        public String toString() {
            return value();
        }
    }
}
