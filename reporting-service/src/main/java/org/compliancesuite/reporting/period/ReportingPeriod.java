package org.compliancesuite.reporting.period;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.compliancesuite.common.problem.ProblemException;

/**
 * A closed date range a report covers (both ends included), read from query parameters.
 *
 * @param from the first day
 * @param to the last day
 */
public record ReportingPeriod(LocalDate from, LocalDate to) {

    static final int MIN_YEAR = 1970;
    static final int MAX_YEAR = 9999;

    /** Today in UTC, the suite's reporting day. */
    public static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    /**
     * The period named by the two parameters, each defaulting when absent; 422 when a date is malformed or the end
     * is before the start.
     */
    public static ReportingPeriod of(String fromParam, String toParam, LocalDate defaultFrom, LocalDate defaultTo) {
        LocalDate from = fromParam == null || fromParam.isBlank() ? defaultFrom : date("from", fromParam);
        LocalDate to = toParam == null || toParam.isBlank() ? defaultTo : date("to", toParam);
        if (to.isBefore(from)) {
            throw ProblemException.unprocessable("to", "the period ends (" + to + ") before it starts (" + from + ")");
        }
        return new ReportingPeriod(from, to);
    }

    /** A period whose both ends must be given; 422 when one is missing or malformed or the end is before the start. */
    public static ReportingPeriod required(String fromParam, String toParam) {
        LocalDate from = requiredDate("from", fromParam);
        LocalDate to = requiredDate("to", toParam);
        return of(null, null, from, to);
    }

    /** A required ISO date parameter; 422 when absent or malformed. */
    public static LocalDate requiredDate(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.unprocessable(field, "is required (ISO date, e.g. 2026-12-03)");
        }
        return date(field, value);
    }

    public static LocalDate date(String field, String value) {
        LocalDate date;
        try {
            date = LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.unprocessable(field, "must be an ISO date such as 2026-12-03");
        }
        return inRange(field, date);
    }

    /** Refuses dates outside the years reports can cover, so that date arithmetic never overflows. */
    public static LocalDate inRange(String field, LocalDate date) {
        if (date.getYear() < MIN_YEAR || date.getYear() > MAX_YEAR) {
            throw ProblemException.unprocessable(field, "must be between the years " + MIN_YEAR + " and " + MAX_YEAR);
        }
        return date;
    }

    public boolean contains(LocalDate day) {
        return day != null && !day.isBefore(from) && !day.isAfter(to);
    }
}
