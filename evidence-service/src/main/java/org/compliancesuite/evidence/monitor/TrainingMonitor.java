package org.compliancesuite.evidence.monitor;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.compliancesuite.common.problem.ProblemException;

/**
 * Security awareness training completion from a roster (45 CFR 164.308(a)(5)(i); PCI DSS 12.6.1). Findings name
 * courses and counts, never people.
 */
@ApplicationScoped
public class TrainingMonitor {

    public MonitorResult evaluate(List<TrainingRoster.Assignment> assignments) {
        int assigned = assignments.size();
        int completed = 0;
        Map<String, int[]> openByCourse = new TreeMap<>();
        for (TrainingRoster.Assignment a : assignments) {
            if (a.completedAt() != null) {
                completed++;
            } else {
                openByCourse.computeIfAbsent(a.course(), c -> new int[1])[0]++;
            }
        }
        double percent = assigned == 0 ? 0 : Math.round(1000.0 * completed / assigned) / 10.0;

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("assigned", assigned);
        figures.put("completed", completed);
        figures.put("completionPercent", percent);

        List<Finding> findings = new ArrayList<>();
        openByCourse.forEach((course, open) -> findings.add(
                new Finding("training-incomplete", open[0] + " assignments of course " + course + " not completed")));
        return MonitorResult.of(Monitor.TRAINING, figures, findings);
    }

    static List<TrainingRoster.Assignment> fromCsv(InputStream csv) {
        List<TrainingRoster.Assignment> rows = CsvTable.read(
                csv,
                List.of("person", "course", "assignedAt", "completedAt"),
                row -> new TrainingRoster.Assignment(
                        row.require("person"),
                        row.require("course"),
                        date(row, "assignedAt", true),
                        date(row, "completedAt", false)));
        if (rows.isEmpty()) {
            throw ProblemException.unprocessable("assignments", "must not be empty");
        }
        return rows;
    }

    private static LocalDate date(CsvTable.Row row, String column, boolean required) {
        String value = required ? row.require(column) : row.get(column);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value);
        } catch (DateTimeParseException e) {
            throw ProblemException.unprocessable("line " + row.line() + "." + column, "must be an ISO-8601 date");
        }
    }
}
