package org.compliancesuite.reporting.soc2;

import com.fasterxml.jackson.annotation.JsonProperty;
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
 * @param untested sample items drawn but without a result yet (Type II)
 * @param criteriaNotTested criteria that could not be tested (Type II: samples do not cover the whole period)
 * @param conclusion {@code unqualified} (every criterion tested, no exception), {@code qualified} (exceptions, or
 *     some criteria not tested), {@code incomplete} (no exception, but drawn sample items still await a result) or
 *     {@code no-opinion} (no criterion in scope could be tested)
 * @param conclusionBasis why, in words
 * @param conclusionRule the rule the conclusion follows
 * @param limitations what the report cannot show, in words
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
        int criteriaNotTested,
        String conclusion,
        String conclusionBasis,
        String conclusionRule,
        List<String> limitations) {

    /**
     * One criterion in scope.
     *
     * @param tested whether it was tested: Type II when every mapped control's samples cover the whole period
     * @param notTestedReason why not, null when tested
     */
    public record CriterionResult(
            String code,
            String title,
            String designStatus,
            boolean tested,
            String notTestedReason,
            List<ControlTest> controls,
            List<TestException> exceptions) {

        /**
         * The conclusion on this criterion alone: {@code qualified} when an exception was found (a sample item that
         * failed, or a design exception), {@code not-tested} when it could not be tested and nothing failed,
         * otherwise {@code unqualified}.
         */
        @JsonProperty("conclusion")
        public String conclusion() {
            if (!exceptions.isEmpty()) {
                return "qualified";
            }
            return tested ? "unqualified" : "not-tested";
        }
    }

    /**
     * The tests performed on one control.
     *
     * @param sampleIds the evidence-service samples drawn for the period (Type II)
     * @param evidenceIds the evidence inspected (Type I) or the sampled evidence (Type II)
     * @param itemsTested sample items with a result
     * @param itemsPassed sample items that passed
     * @param itemsUntested sample items without a result yet
     * @param uncovered the parts of the period no sample of the control covers (Type II; empty when covered)
     */
    public record ControlTest(
            String controlId,
            String test,
            List<String> sampleIds,
            List<String> evidenceIds,
            int populationSize,
            int itemsTested,
            int itemsPassed,
            int itemsUntested,
            List<PeriodGap> uncovered) {}

    /** Days of the report period, both ends included. */
    public record PeriodGap(LocalDate from, LocalDate to) {}

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
