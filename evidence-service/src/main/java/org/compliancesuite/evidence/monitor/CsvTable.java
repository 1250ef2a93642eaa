package org.compliancesuite.evidence.monitor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.compliancesuite.common.problem.ProblemException;

/**
 * Reads a CSV export with a header row (RFC 4180 quoting, one record per line) and turns each row into a value;
 * header names are matched without regard to case. A bad row is refused with its line number.
 */
final class CsvTable {

    private CsvTable() {}

    /** A row by column name; {@code line} is the 1-based line in the file. */
    record Row(int line, Map<String, String> values) {

        String get(String column) {
            String value = values.get(column.toLowerCase(Locale.ROOT));
            return value == null || value.isBlank() ? null : value.strip();
        }

        String require(String column) {
            String value = get(column);
            if (value == null) {
                throw ProblemException.unprocessable("line " + line + "." + column, "is required");
            }
            return value;
        }
    }

    static <T> List<T> read(InputStream in, List<String> requiredColumns, Function<Row, T> rowMapper) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String headerLine = reader.readLine();
            if (headerLine == null) {
                throw ProblemException.unprocessable("csv", "the file is empty");
            }
            List<String> header = split(headerLine.replace("\uFEFF", ""), 1).stream()
                    .map(h -> h.strip().toLowerCase(Locale.ROOT))
                    .toList();
            for (String column : requiredColumns) {
                if (!header.contains(column.toLowerCase(Locale.ROOT))) {
                    throw ProblemException.unprocessable("csv", "the header lacks column " + column);
                }
            }
            List<T> rows = new ArrayList<>();
            String line;
            int number = 1;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                List<String> cells = split(line, number);
                Map<String, String> values = new HashMap<>();
                for (int i = 0; i < header.size() && i < cells.size(); i++) {
                    values.put(header.get(i), cells.get(i));
                }
                rows.add(rowMapper.apply(new Row(number, values)));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> split(String line, int number) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        if (quoted) {
            throw ProblemException.unprocessable("line " + number, "unterminated quoted value");
        }
        cells.add(cell.toString());
        return cells;
    }
}
