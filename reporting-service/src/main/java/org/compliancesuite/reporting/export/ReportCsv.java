package org.compliancesuite.reporting.export;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A whole report as one RFC 4180 CSV file (CRLF line ends, fields with commas, quotes or line breaks quoted), so that
 * a spreadsheet opens every table of it at once:
 *
 * <pre>
 * section,line,1,2,3,...
 * Summary,columns,fact,value
 * Summary,row,Overall score,66.7 (in-progress)
 * Frameworks,columns,framework,name,score,...
 * Frameworks,row,fw-a,Framework A,75.0,...
 * </pre>
 *
 * Column 1 names the section (the summary facts, then each table under its heading), column 2 says whether the line
 * holds the section's column names ({@code columns}) or one of its rows ({@code row}); the section's own fields
 * follow. Every line has the same number of fields (shorter ones are padded with empty fields), as RFC 4180 expects,
 * so filtering column 1 gives one table with its header.
 */
final class ReportCsv {

    /** A plain decimal number: its leading minus cannot start a formula, so it is kept as a number. */
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    /** Characters that make a spreadsheet read a cell as a formula (or hide one behind a control character). */
    private static final String FORMULA_START = "=+-@\t\r";

    private ReportCsv() {}

    static byte[] write(ReportDocument report) {
        List<List<String>> lines = new ArrayList<>();
        if (!report.facts().isEmpty()) {
            lines.add(List.of("Summary", "columns", "fact", "value"));
            report.facts().forEach(f -> lines.add(List.of("Summary", "row", f.label(), nullToEmpty(f.value()))));
        }
        for (ReportDocument.ReportTable table : report.tables()) {
            lines.add(prefixed(table.heading(), "columns", table.columns()));
            table.rows().forEach(row -> lines.add(prefixed(table.heading(), "row", row)));
        }
        int width = lines.stream().mapToInt(List::size).max().orElse(2);
        List<String> header = new ArrayList<>(List.of("section", "line"));
        for (int i = 1; i <= width - 2; i++) {
            header.add(String.valueOf(i));
        }

        StringBuilder out = new StringBuilder();
        line(out, header, width);
        lines.forEach(l -> line(out, l, width));
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> prefixed(String section, String kind, List<String> cells) {
        List<String> line = new ArrayList<>(cells.size() + 2);
        line.add(section);
        line.add(kind);
        line.addAll(cells);
        return line;
    }

    private static void line(StringBuilder out, List<String> cells, int width) {
        for (int i = 0; i < width; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(escape(i < cells.size() ? cells.get(i) : ""));
        }
        out.append("\r\n");
    }

    /** Neutralises formulas (OWASP CSV injection: a leading apostrophe makes the cell text), then quotes. */
    static String escape(String raw) {
        String value = nullToEmpty(raw);
        if (!value.isEmpty()
                && FORMULA_START.indexOf(value.charAt(0)) >= 0
                && !NUMBER.matcher(value).matches()) {
            value = "'" + value;
        }
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
