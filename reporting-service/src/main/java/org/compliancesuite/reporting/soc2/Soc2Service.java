package org.compliancesuite.reporting.soc2;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.compliancesuite.reporting.soc2.Soc2Report.ControlTest;
import org.compliancesuite.reporting.soc2.Soc2Report.CriterionResult;
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

    /** How many accepted evidence records of a control a Type I report lists as inspected. */
    private static final int TYPE_1_INSPECTED = 5;

    @Inject
    Sources sources;

    @ConfigProperty(name = "reporting.frameworks.soc2")
    String frameworkId;

    /** Type I: whether each criterion's controls are designed and in place as of the date. */
    public Soc2Report typeOne(LocalDate asOfDate) {
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
                        0));
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
            criteria.add(
                    new CriterionResult(criterion.code(), criterion.title(), criterion.status(), tests, exceptions));
        }
        return conclude(TYPE_1, asOfDate, asOfDate, criteria);
    }

    /** Type II: the operating effectiveness of each criterion's controls, tested on the samples of the period. */
    public Soc2Report typeTwo(LocalDate from, LocalDate to) {
        List<CriterionResult> criteria = new ArrayList<>();
        for (ChecklistItem criterion : inScope()) {
            List<ControlTest> tests = new ArrayList<>();
            List<TestException> exceptions = designExceptions(criterion);
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
                        samples.isEmpty() ? 1 : untested));
            }
            criteria.add(
                    new CriterionResult(criterion.code(), criterion.title(), criterion.status(), tests, exceptions));
        }
        return conclude(TYPE_2, from, to, criteria);
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

    private Soc2Report conclude(String type, LocalDate start, LocalDate end, List<CriterionResult> criteria) {
        int exceptions = criteria.stream().mapToInt(c -> c.exceptions().size()).sum();
        int untested = criteria.stream()
                .flatMap(c -> c.controls().stream())
                .mapToInt(ControlTest::itemsUntested)
                .sum();
        String conclusion;
        String basis;
        if (exceptions > 0) {
            conclusion = "qualified";
            basis = exceptions + " exception(s) in "
                    + criteria.stream().filter(c -> !c.exceptions().isEmpty()).count() + " of " + criteria.size()
                    + " criteria in scope";
        } else if (untested > 0) {
            conclusion = "incomplete";
            basis = untested + " sample item(s) or control(s) not yet tested; no exception found so far";
        } else {
            conclusion = "unqualified";
            basis = "all " + criteria.size() + " criteria in scope tested without exception";
        }
        return new Soc2Report(
                type, frameworkId, start, end, sources.asOf(), criteria, exceptions, untested, conclusion, basis);
    }
}
