package org.compliancesuite.reporting.export;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A report laid out for the tabular and printed exports (CSV, PDF) and for OSCAL assessment results. The JSON export
 * is the report's own API record; this is the same content as headings, facts and tables.
 *
 * @param reportId short name used in file names and OSCAL ids (e.g. {@code iso27001-soa})
 * @param title the report's heading
 * @param asOf when the data the report was computed from was read
 * @param facts summary figures, in order
 * @param tables the report's tables, each a section of the CSV export
 * @param assessed the assessed requirements or criteria, for OSCAL findings; empty when the report assesses nothing
 * @param chart the dashboard's chart, or null
 */
public record ReportDocument(
        String reportId,
        String title,
        Instant asOf,
        List<Fact> facts,
        List<ReportTable> tables,
        List<AssessedItem> assessed,
        Chart chart) {

    /** One labelled summary figure. */
    public record Fact(String label, String value) {}

    /** A table with its heading. */
    public record ReportTable(String heading, List<String> columns, List<List<String>> rows) {}

    /**
     * One assessed target (requirement, control or criterion) and the assessor's conclusion.
     *
     * @param targetId the framework's identifier ({@code A.5.1}, {@code 8.4.2}, {@code CC6.1})
     * @param title its title
     * @param satisfied whether it was found satisfied; never true for a target that was not tested
     * @param description why, in words
     * @param evidenceIds the evidence records behind the conclusion
     * @param tested whether the target was tested at all
     * @param notTestedReason why it was not, null when it was
     */
    public record AssessedItem(
            String targetId,
            String title,
            boolean satisfied,
            String description,
            List<String> evidenceIds,
            boolean tested,
            String notTestedReason) {

        public AssessedItem {
            if (satisfied && !tested) {
                throw new IllegalArgumentException("a target that was not tested cannot be satisfied");
            }
        }

        /** A tested target. */
        public AssessedItem(
                String targetId, String title, boolean satisfied, String description, List<String> evidenceIds) {
            this(targetId, title, satisfied, description, evidenceIds, true, null);
        }

        /** A target that could not be tested: not satisfied, with the reason. */
        public static AssessedItem notTested(
                String targetId, String title, String description, List<String> evidenceIds, String reason) {
            return new AssessedItem(targetId, title, false, description, evidenceIds, false, reason);
        }
    }

    /** Scores per framework as bars and the overall score over time as a line. */
    public record Chart(List<Bar> bars, List<TrendPoint> trend) {}

    public record Bar(String label, Double value) {}

    public record TrendPoint(LocalDate date, Double value) {}

    /** Formats a value for a cell: empty for null, numbers as written. */
    public static String cell(Object value) {
        return value == null ? "" : String.valueOf(value);
    }
}
