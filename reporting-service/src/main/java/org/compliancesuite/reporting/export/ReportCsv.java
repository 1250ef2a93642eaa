package org.compliancesuite.reporting.export;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/** RFC 4180 CSV of a report's main table. */
final class ReportCsv {

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    private ReportCsv() {}

    static byte[] write(ReportDocument.ReportTable table) {
        StringBuilder out = new StringBuilder();
        line(out, table.columns());
        for (List<String> row : table.rows()) {
            line(out, row);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void line(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(escape(cells.get(i)));
        }
        out.append("\r\n");
    }

    private static String escape(String raw) {
        String value = raw == null ? "" : raw;
        // A cell starting with = + - @ would run as a formula when the file is opened in a spreadsheet.
        if (!value.isEmpty()
                && "=+-@".indexOf(value.charAt(0)) >= 0
                && !NUMBER.matcher(value).matches()) {
            value = "'" + value;
        }
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }
}
