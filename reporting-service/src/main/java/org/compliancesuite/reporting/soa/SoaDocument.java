package org.compliancesuite.reporting.soa;

import static org.compliancesuite.reporting.export.ReportDocument.cell;

import java.util.ArrayList;
import java.util.List;
import org.compliancesuite.reporting.export.ReportDocument;
import org.compliancesuite.reporting.export.ReportDocument.AssessedItem;
import org.compliancesuite.reporting.export.ReportDocument.Fact;
import org.compliancesuite.reporting.export.ReportDocument.ReportTable;

/** The Statement of Applicability laid out for CSV, PDF and OSCAL. */
final class SoaDocument {

    private SoaDocument() {}

    static ReportDocument of(SoaReport soa) {
        List<Fact> facts = new ArrayList<>();
        if (soa.issue() != null) {
            facts.add(new Fact("Version", soa.issue().version()));
            facts.add(new Fact("Issue date", cell(soa.issue().issueDate())));
            facts.add(new Fact("Approver", soa.issue().approver()));
            facts.add(new Fact("Issued by", soa.issue().issuedBy()));
        }
        SoaReport.SoaSummary s = soa.summary();
        facts.add(new Fact("Annex A controls", cell(s.total())));
        facts.add(new Fact("Applicable", cell(s.applicable())));
        facts.add(new Fact("Excluded", cell(s.excluded())));
        facts.add(new Fact("Implemented", cell(s.implemented())));
        facts.add(new Fact("Planned", cell(s.planned())));
        facts.add(new Fact("Partial", cell(s.partial())));
        facts.add(new Fact("Not started", cell(s.notStarted())));

        List<List<String>> rows = soa.controls().stream()
                .map(r -> List.of(
                        r.code(),
                        cell(r.title()),
                        r.applicable() ? "yes" : "no",
                        cell(r.justification()),
                        cell(r.status()),
                        String.join(" ", r.controlIds()),
                        String.join(" ", r.evidenceIds()),
                        r.evidenceFresh() ? "yes" : "no"))
                .toList();
        List<AssessedItem> assessed = soa.controls().stream()
                .filter(SoaReport.SoaRow::applicable)
                .map(r -> new AssessedItem(
                        r.code(),
                        r.title(),
                        "implemented".equals(r.status()) && r.evidenceFresh(),
                        "status " + r.status()
                                + (r.evidenceFresh() ? ", fresh accepted evidence" : ", no fresh evidence"),
                        r.evidenceIds()))
                .toList();
        String title = "ISO/IEC 27001:2022 Statement of Applicability"
                + (soa.issue() == null ? "" : " version " + soa.issue().version());
        return new ReportDocument(
                "iso27001-soa",
                title,
                soa.asOf(),
                facts,
                List.of(new ReportTable(
                        "Annex A controls",
                        List.of(
                                "control",
                                "title",
                                "applicable",
                                "justification",
                                "status",
                                "common controls",
                                "evidence",
                                "fresh evidence"),
                        rows)),
                assessed,
                null);
    }
}
