package org.compliancesuite.reporting.hipaa;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.LocalDate;
import java.util.Map;

/**
 * The facts of a breach of unsecured PHI that the notification deadlines depend on. Holds no PHI: only counts.
 *
 * @param discoveryDate the first day the breach was known, or by exercising reasonable diligence would have been
 *     known (45 CFR 164.404(a)(2))
 * @param affectedByState affected individuals per state or territory (USPS code), each a JSON integer
 * @param discoveredByBusinessAssociate whether a business associate discovered it
 * @param missingContactCount individuals for whom contact information is insufficient or out of date, a JSON
 *     integer
 * @param lawEnforcementDelay a law-enforcement official's statement delaying notification, if any
 */
public record BreachPlanRequest(
        @NotNull LocalDate discoveryDate,

        // Each count is checked by BreachPlanService, which names the state in the error (affectedByState.CA).
        @NotEmpty @JsonDeserialize(contentUsing = WholeCount.class)
        Map<String, Integer> affectedByState,

        Boolean discoveredByBusinessAssociate,

        @JsonDeserialize(using = WholeCount.class) @PositiveOrZero @Max(MAX_COUNT)
        Integer missingContactCount,

        @Valid LawEnforcementDelay lawEnforcementDelay) {

    /** More people than live in the United States is a typing error, not a breach. */
    public static final int MAX_COUNT = 400_000_000;

    /**
     * 45 CFR 164.412: a statement that notification would impede a criminal investigation or damage national security.
     *
     * @param statementKind {@code written} (delay for the period it specifies) or {@code oral} (at most 30 days)
     * @param statementDate when the statement was made
     * @param delayUntil the day the delay a written statement specifies ends (notification may be made from then on)
     * @param official the official and agency, as 164.412(b) requires oral statements to be documented
     */
    public record LawEnforcementDelay(
            @NotNull StatementKind statementKind,
            @NotNull LocalDate statementDate,
            LocalDate delayUntil,
            String official) {}

    public enum StatementKind {
        written,
        oral
    }
}
