package org.compliancesuite.reporting.soc2;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.compliancesuite.common.problem.ProblemException;
import org.compliancesuite.reporting.period.ReportingPeriod;
import org.compliancesuite.reporting.soc2.Soc2Report.ControlTest;
import org.compliancesuite.reporting.soc2.Soc2Report.CriterionResult;
import org.compliancesuite.reporting.soc2.Soc2Report.PeriodGap;
import org.compliancesuite.reporting.soc2.Soc2Report.TestException;
import org.compliancesuite.reporting.upstream.CatalogRecords.ChecklistItem;
import org.compliancesuite.reporting.upstream.EvidenceRecords.EvidencePage;
import org.compliancesuite.reporting.upstream.EvidenceRecords.Sample;
import org.compliancesuite.reporting.upstream.EvidenceRecords.SampleItem;
import org.compliancesuite.reporting.upstream.Sources;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Computes SOC 2 Type I and Type II reports from the SOC 2 checklist and evidence-service's samples. */
@RequestScoped
public class Soc2Service {

    static final String TYPE_1 = "type1";
    static final String TYPE_2 = "type2";

    static final String CONCLUSION_RULE = "no-opinion when no criterion in scope could be tested; otherwise qualified"
            + " when any exception was found; otherwise incomplete while drawn sample items await a result; otherwise"
            + " qualified when some criteria could not be tested (a Type II criterion is tested when the samples of"
            + " every control mapped to it together cover every day of the period, or when a sample item of one of"
            + " its controls failed); otherwise unqualified. Each criterion carries its own conclusion: qualified with"
            + " an exception, not-tested, or unqualified";

    /** How many accepted evidence records of a control a Type I report lists as inspected. */
    private static final int TYPE_1_INSPECTED = 5;

    @Inject
    Sources sources;

    @ConfigProperty(name = "reporting.frameworks.soc2")
    String frameworkId;

    @ConfigProperty(name = "reporting.soc2.type1-as-of-tolerance-days")
    int typeOneTolerance;

    /**
     * Type I: whether each criterion's controls are designed and in place as of the date. catalog-service keeps only
     * the current implementation status, not its history, so a date further than the tolerance from today is refused
     * (422) rather than answered with today's statuses under a past date.
     */
    public Soc2Report typeOne(LocalDate asOfDate) {
        LocalDate today = ReportingPeriod.today();
        if (asOfDate.isBefore(today.minusDays(typeOneTolerance))
                || asOfDate.isAfter(today.plusDays(typeOneTolerance))) {
            throw ProblemException.unprocessable(
                    "asOf",
                    "a Type I report can only be as of today (within " + typeOneTolerance + " day(s)): the catalog"
                            + " keeps the current implementation status of each criterion, not its history, so a"
                            + " report as of " + asOfDate + " would show today's design under that date; issue Type I"
                            + " reports on their date and keep the export");
        }
        List<CriterionResult> criteria = new ArrayList<>();
        for (ChecklistItem criterion : inScope()) {
            List<ControlTest> tests = new ArrayList<>();
            List<TestException> exceptions = designExceptions(criterion);
            for (String control : criterion.controls()) {
                EvidencePage accepted = sources.evidenceOfControl(control, "accepted", asOfDate, TYPE_1_INSPECTED);
                List<String> inspected =
                        accepted.itemsOrEmpty().stream().map(e -> e.id()).toList();
                tests.add(new ControlTest(
                        control,
                        "inspection of accepted evidence collected up to " + asOfDate,
                        List.of(),
                        inspected,
                        (int) accepted.total(),
                        inspected.isEmpty() ? 0 : 1,
                        inspected.isEmpty() ? 0 : 1,
                        0,
                        List.of()));
                if (accepted.total() == 0) {
                    exceptions.add(new TestException(
                            "no-evidence",
                            control,
                            null,
                            null,
                            null,
                            "no accepted evidence of the control collected by " + asOfDate,
                            null));
                }
            }
            boolean tested = !criterion.controls().isEmpty();
            criteria.add(new CriterionResult(
                    criterion.code(),
                    criterion.title(),
                    criterion.status(),
                    tested,
                    tested ? null : "no common control addresses the criterion",
                    tests,
                    exceptions));
        }
        return conclude(
                TYPE_1,
                asOfDate,
                asOfDate,
                criteria,
                List.of("design statuses are the catalog's current ones, read at the as-of time of the data; the"
                        + " catalog keeps no history, so Type I reports are refused for dates more than "
                        + typeOneTolerance + " day(s) from today"));
    }

    /**
     * Type II: the operating effectiveness of each criterion's controls, tested on the samples of the period. A
     * control counts as tested over the period only when its samples together cover every day of it; a criterion is
     * tested when all its controls are.
     */
    public Soc2Report typeTwo(LocalDate from, LocalDate to) {
        List<CriterionResult> criteria = new ArrayList<>();
        for (ChecklistItem criterion : inScope()) {
            List<ControlTest> tests = new ArrayList<>();
            List<TestException> exceptions = designExceptions(criterion);
            List<String> notCovered = new ArrayList<>();
            for (String control : criterion.controls()) {
                List<Sample> samples = sources.samples(control, from, to);
                int population = 0;
                int tested = 0;
                int passed = 0;
                int untested = 0;
                List<String> evidence = new ArrayList<>();
                for (Sample sample : samples) {
                    population += sample.populationSize() == null ? 0 : sample.populationSize();
                    for (SampleItem item : sample.itemsOrEmpty()) {
                        if (item.evidenceId() != null) {
                            evidence.add(item.evidenceId());
                        }
                        if (item.result() == null) {
                            untested++;
                            continue;
                        }
                        tested++;
                        if ("pass".equals(item.result())) {
                            passed++;
                        } else {
                            exceptions.add(new TestException(
                                    "sample-exception",
                                    control,
                                    sample.id(),
                                    item.id(),
                                    item.evidenceId(),
                                    item.note(),
                                    item.testedBy()));
                        }
                    }
                }
                List<PeriodGap> uncovered = uncovered(samples, from, to);
                if (!uncovered.isEmpty() || tested + untested == 0) {
                    notCovered.add(control);
                }
                tests.add(new ControlTest(
                        control,
                        "re-performance and inspection of " + samples.size() + " sample(s) drawn by evidence-service",
                        samples.stream()
                                .map(Sample::id)
                                .filter(Objects::nonNull)
                                .toList(),
                        evidence,
                        population,
                        tested,
                        passed,
                        untested,
                        uncovered));
            }
            String reason = criterion.controls().isEmpty()
                    ? "no common control addresses the criterion"
                    : notCovered.isEmpty()
                            ? null
                            : "the samples of " + String.join(", ", notCovered) + " do not cover the whole period "
                                    + from + " to " + to;
            // A failed sample item settles the criterion whatever the rest of the period shows: the test was
            // performed and the control did not operate. Only a criterion without such a finding needs full coverage.
            boolean sampleException = exceptions.stream().anyMatch(e -> "sample-exception".equals(e.kind()));
            criteria.add(new CriterionResult(
                    criterion.code(),
                    criterion.title(),
                    criterion.status(),
                    reason == null || sampleException,
                    reason,
                    tests,
                    exceptions));
        }
        return conclude(
                TYPE_2,
                from,
                to,
                criteria,
                List.of("design statuses (implemented or not) are the catalog's current ones; operating effectiveness"
                        + " is judged only from the samples evidence-service drew for the period"));
    }

    /** The days of {@code from..to} that no sample period covers, as ranges; empty when the samples cover it all. */
    static List<PeriodGap> uncovered(List<Sample> samples, LocalDate from, LocalDate to) {
        List<Sample> ordered = samples.stream()
                .filter(s -> s.periodStart() != null && s.periodEnd() != null)
                .sorted(Comparator.comparing(Sample::periodStart))
                .toList();
        List<PeriodGap> gaps = new ArrayList<>();
        LocalDate next = from;
        for (Sample sample : ordered) {
            if (next.isAfter(to)) {
                break;
            }
            if (sample.periodStart().isAfter(next)) {
                LocalDate gapEnd = sample.periodStart().minusDays(1);
                gaps.add(new PeriodGap(next, gapEnd.isAfter(to) ? to : gapEnd));
            }
            if (!sample.periodEnd().isBefore(next)) {
                next = sample.periodEnd().plusDays(1);
            }
        }
        if (!next.isAfter(to)) {
            gaps.add(new PeriodGap(next, to));
        }
        return gaps;
    }

    private List<ChecklistItem> inScope() {
        return sources.checklist(frameworkId).itemsOrEmpty().stream()
                .filter(ChecklistItem::isApplicable)
                .toList();
    }

    /** A criterion whose controls are not implemented, or that maps to no control, is a design exception. */
    private static List<TestException> designExceptions(ChecklistItem criterion) {
        List<TestException> exceptions = new ArrayList<>();
        if (criterion.controls().isEmpty()) {
            exceptions.add(new TestException(
                    "no-control-mapped", null, null, null, null, "no common control addresses the criterion", null));
        }
        if (!criterion.isImplemented()) {
            exceptions.add(new TestException(
                    "not-implemented",
                    null,
                    null,
                    null,
                    null,
                    "implementation status is " + (criterion.status() == null ? "not-started" : criterion.status()),
                    null));
        }
        return exceptions;
    }

    /** Applies {@link #CONCLUSION_RULE}. */
    private Soc2Report conclude(
            String type, LocalDate start, LocalDate end, List<CriterionResult> criteria, List<String> limitations) {
        int exceptions = criteria.stream().mapToInt(c -> c.exceptions().size()).sum();
        int untested = criteria.stream()
                .flatMap(c -> c.controls().stream())
                .mapToInt(ControlTest::itemsUntested)
                .sum();
        int notTested = (int) criteria.stream().filter(c -> !c.tested()).count();
        String conclusion;
        String basis;
        if (notTested == criteria.size()) {
            conclusion = "no-opinion";
            basis = criteria.isEmpty()
                    ? "no criterion is in scope"
                    : "none of the " + criteria.size() + " criteria in scope could be tested"
                            + (exceptions > 0 ? "; " + exceptions + " exception(s) found in what was examined" : "");
        } else if (exceptions > 0) {
            conclusion = "qualified";
            basis = exceptions + " exception(s) in "
                    + criteria.stream().filter(c -> !c.exceptions().isEmpty()).count() + " of " + criteria.size()
                    + " criteria in scope" + (notTested > 0 ? "; " + notTested + " criteria not tested" : "");
        } else if (untested > 0) {
            conclusion = "incomplete";
            basis = untested + " sample item(s) not yet tested; no exception found so far";
        } else if (notTested > 0) {
            conclusion = "qualified";
            basis = notTested + " of " + criteria.size() + " criteria in scope could not be tested over the whole"
                    + " period; no exception in the " + (criteria.size() - notTested) + " tested";
        } else {
            conclusion = "unqualified";
            basis = "all " + criteria.size() + " criteria in scope tested without exception";
        }
        return new Soc2Report(
                type,
                frameworkId,
                start,
                end,
                sources.asOf(),
                criteria,
                exceptions,
                untested,
                notTested,
                conclusion,
                basis,
                CONCLUSION_RULE,
                limitations);
    }
}
