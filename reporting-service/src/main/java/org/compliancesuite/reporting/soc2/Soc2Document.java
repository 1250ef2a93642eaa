package org.compliancesuite.reporting.soc2;

import static org.compliancesuite.reporting.export.ReportDocument.cell;

import java.util.ArrayList;
import java.util.List;
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
                new Fact("Exceptions", cell(r.exceptions())),
                new Fact("Untested", cell(r.untested())),
                new Fact("Conclusion", r.conclusion() + ": " + r.conclusionBasis()));

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
        List<AssessedItem> assessed = r.criteria().stream()
                .map(c -> new AssessedItem(
                        c.code(),
                        c.title(),
                        c.exceptions().isEmpty(),
                        c.exceptions().isEmpty()
                                ? "no exception"
                                : c.exceptions().size() + " exception(s): "
                                        + String.join(
                                                "; ",
                                                c.exceptions().stream()
                                                        .map(e -> e.kind())
                                                        .toList()),
                        c.controls().stream()
                                .flatMap(t -> t.evidenceIds().stream())
                                .distinct()
                                .toList()))
                .toList();
        return new ReportDocument(
                "soc2-" + r.type(),
                typeOne ? "SOC 2 Type I report" : "SOC 2 Type II report",
                r.asOf(),
                facts,
                List.of(
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
                                        "evidence"),
                                tests),
                        new ReportTable(
                                "Exceptions",
                                List.of("criterion", "kind", "control", "sample", "item", "evidence", "note"),
                                exceptions)),
                assessed,
                null);
    }
}
