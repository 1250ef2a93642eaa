package org.compliancesuite.reporting.soc2;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A SOC 2 report: per Trust Services Criterion in scope, the controls, the tests performed and the exceptions found,
 * and the conclusion that follows from them.
 *
 * @param type {@code type1} (design as of a date) or {@code type2} (operating effectiveness over a period)
 * @param periodStart the first day covered (the as-of date for Type I)
 * @param periodEnd the last day covered (the as-of date for Type I)
 * @param asOf when the data was read from the sources
 * @param exceptions the number of exceptions over all criteria
 * @param untested sample items not yet tested (Type II) or controls without any test (both types)
 * @param conclusion {@code unqualified}, {@code qualified} (exceptions exist) or {@code incomplete} (no exception,
 *     but testing is not finished)
 * @param conclusionBasis why, in words
 */
public record Soc2Report(
        String type,
        String frameworkId,
        LocalDate periodStart,
        LocalDate periodEnd,
        Instant asOf,
        List<CriterionResult> criteria,
        int exceptions,
        int untested,
        String conclusion,
        String conclusionBasis) {

    /** One criterion in scope. */
    public record CriterionResult(
            String code,
            String title,
            String designStatus,
            List<ControlTest> controls,
            List<TestException> exceptions) {}

    /**
     * The tests performed on one control.
     *
     * @param sampleIds the evidence-service samples drawn for the period (Type II)
     * @param evidenceIds the evidence inspected (Type I) or the sampled evidence (Type II)
     * @param itemsTested sample items with a result
     * @param itemsPassed sample items that passed
     * @param itemsUntested sample items without a result yet
     */
    public record ControlTest(
            String controlId,
            String test,
            List<String> sampleIds,
            List<String> evidenceIds,
            int populationSize,
            int itemsTested,
            int itemsPassed,
            int itemsUntested) {}

    /**
     * One exception: a sample item that failed, or a design deficiency.
     *
     * @param kind {@code sample-exception}, {@code not-implemented}, {@code no-control-mapped}, {@code no-evidence}
     */
    public record TestException(
            String kind,
            String controlId,
            String sampleId,
            String itemId,
            String evidenceId,
            String note,
            String testedBy) {}
}
