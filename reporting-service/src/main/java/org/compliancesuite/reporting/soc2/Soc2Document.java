package org.compliancesuite.reporting.soc2;

import static org.compliancesuite.reporting.export.ReportDocument.cell;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.compliancesuite.reporting.export.ReportDocument;
import org.compliancesuite.reporting.export.ReportDocument.AssessedItem;
import org.compliancesuite.reporting.export.ReportDocument.Fact;
import org.compliancesuite.reporting.export.ReportDocument.ReportTable;

/** The SOC 2 report laid out for CSV, PDF and OSCAL. */
final class Soc2Document {

    private Soc2Document() {}

    static ReportDocument of(Soc2Report r) {
        boolean typeOne = Soc2Service.TYPE_1.equals(r.type());
        List<Fact> facts = List.of(
                new Fact("Report", typeOne ? "SOC 2 Type I (design)" : "SOC 2 Type II (operating effectiveness)"),
                new Fact(
                        typeOne ? "As of" : "Period",
                        typeOne ? cell(r.periodEnd()) : r.periodStart() + " to " + r.periodEnd()),
                new Fact("Criteria in scope", cell(r.criteria().size())),
                new Fact("Criteria not tested", cell(r.criteriaNotTested())),
                new Fact("Exceptions", cell(r.exceptions())),
                new Fact("Sample items awaiting a result", cell(r.untested())),
                new Fact("Conclusion", r.conclusion() + ": " + r.conclusionBasis()),
                new Fact("Conclusion rule", r.conclusionRule()),
                new Fact("Limitations", String.join("; ", r.limitations())));

        List<List<String>> tests = new ArrayList<>();
        List<List<String>> exceptions = new ArrayList<>();
        for (Soc2Report.CriterionResult c : r.criteria()) {
            for (Soc2Report.ControlTest t : c.controls()) {
                tests.add(List.of(
                        c.code(),
                        t.controlId(),
                        t.test(),
                        String.join(" ", t.sampleIds()),
                        cell(t.populationSize()),
                        cell(t.itemsTested()),
                        cell(t.itemsPassed()),
                        cell(t.itemsUntested()),
                        t.uncovered().stream()
                                .map(g -> g.from() + " to " + g.to())
                                .collect(Collectors.joining("; ")),
                        String.join(" ", t.evidenceIds())));
            }
            for (Soc2Report.TestException e : c.exceptions()) {
                exceptions.add(List.of(
                        c.code(),
                        e.kind(),
                        cell(e.controlId()),
                        cell(e.sampleId()),
                        cell(e.itemId()),
                        cell(e.evidenceId()),
                        cell(e.note())));
            }
        }
        List<AssessedItem> assessed =
                r.criteria().stream().map(Soc2Document::assessed).toList();
        return new ReportDocument(
                "soc2-" + r.type(),
                typeOne ? "SOC 2 Type I report" : "SOC 2 Type II report",
                r.asOf(),
                facts,
                List.of(
                        new ReportTable(
                                "Criteria",
                                List.of(
                                        "criterion",
                                        "title",
                                        "design status",
                                        "tested",
                                        "why not tested",
                                        "exceptions",
                                        "conclusion"),
                                r.criteria().stream()
                                        .map(c -> List.of(
                                                c.code(),
                                                cell(c.title()),
                                                cell(c.designStatus()),
                                                c.tested() ? "yes" : "no",
                                                cell(c.notTestedReason()),
                                                cell(c.exceptions().size()),
                                                c.conclusion()))
                                        .toList()),
                        new ReportTable(
                                "Tests of controls",
                                List.of(
                                        "criterion",
                                        "control",
                                        "test",
                                        "samples",
                                        "population",
                                        "tested",
                                        "passed",
                                        "untested",
                                        "period not covered",
                                        "evidence"),
                                tests),
                        new ReportTable(
                                "Exceptions",
                                List.of("criterion", "kind", "control", "sample", "item", "evidence", "note"),
                                exceptions)),
                assessed,
                null);
    }

    /** A criterion is satisfied only when it was tested and no exception was found. */
    private static AssessedItem assessed(Soc2Report.CriterionResult c) {
        List<String> evidence = c.controls().stream()
                .flatMap(t -> t.evidenceIds().stream())
                .distinct()
                .toList();
        String exceptions = c.exceptions().isEmpty()
                ? "no exception"
                : c.exceptions().size() + " exception(s): "
                        + c.exceptions().stream().map(e -> e.kind()).collect(Collectors.joining("; "));
        if (!c.tested()) {
            return AssessedItem.notTested(
                    c.code(), c.title(), "not tested; " + exceptions, evidence, c.notTestedReason());
        }
        return new AssessedItem(c.code(), c.title(), c.exceptions().isEmpty(), exceptions, evidence);
    }
}
