package org.compliancesuite.reporting.export;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A report with every element the PDF export prints: facts, the chart (bars and a line) and a table. */
public final class PdfSample {

    private PdfSample() {}

    public static byte[] print() {
        ReportDocument document = new ReportDocument(
                "sample",
                "Sample report",
                Instant.parse("2026-12-01T10:00:00Z"),
                List.of(new ReportDocument.Fact("Overall score", "66.7 (in-progress)")),
                List.of(new ReportDocument.ReportTable(
                        "Frameworks", List.of("framework", "score"), List.of(List.of("fw-a", "75.0")))),
                List.of(),
                new ReportDocument.Chart(
                        List.of(new ReportDocument.Bar("fw-a", 75.0), new ReportDocument.Bar("fw-b", null)),
                        List.of(
                                new ReportDocument.TrendPoint(LocalDate.parse("2026-11-30"), 50.0),
                                new ReportDocument.TrendPoint(LocalDate.parse("2026-12-01"), 66.7))));
        return ReportPdf.write(document);
    }
}
