package org.compliancesuite.evidence.sampling;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** An auditor's result for one sampled item; an exception needs a note. */
public record TestResult(
        @NotNull Outcome result, @Size(max = 4000) String note) {

    public enum Outcome {
        PASS,
        EXCEPTION;

        @com.fasterxml.jackson.annotation.JsonValue
        public String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        @Override
        public String toString() {
            return value();
        }
    }
}
