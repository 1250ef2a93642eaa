package org.compliancesuite.reporting.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The cell rules of the CSV export, OWASP's formula characters among them. */
class ReportCsvTest {

    @Test
    void formulaStartsAreNeutralisedAndNumbersKept() {
        assertEquals("'=1+1", ReportCsv.escape("=1+1"));
        assertEquals("'+1", ReportCsv.escape("+1"));
        assertEquals("'-1+1", ReportCsv.escape("-1+1"));
        assertEquals("'@SUM(A1)", ReportCsv.escape("@SUM(A1)"));
        assertEquals("'\tx", ReportCsv.escape("\tx"));
        assertEquals("\"'\r=1\"", ReportCsv.escape("\r=1"));
        // A plain negative number cannot start a formula and stays a number.
        assertEquals("-12.5", ReportCsv.escape("-12.5"));
        assertEquals("-3", ReportCsv.escape("-3"));
        assertEquals("a=b", ReportCsv.escape("a=b"));
    }

    @Test
    void fieldsWithSeparatorsQuotesOrLineBreaksAreQuoted() {
        assertEquals("\"a,b\"", ReportCsv.escape("a,b"));
        assertEquals("\"say \"\"yes\"\"\"", ReportCsv.escape("say \"yes\""));
        assertEquals("\"two\nlines\"", ReportCsv.escape("two\nlines"));
        assertEquals("\"'=A1,B1\"", ReportCsv.escape("=A1,B1"));
        assertEquals("", ReportCsv.escape(null));
    }
}
