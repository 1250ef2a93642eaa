package org.compliancesuite.reporting.export;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.FontFactory;
import org.openpdf.text.Image;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.BaseFont;
import org.openpdf.text.pdf.PdfContentByte;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfTemplate;
import org.openpdf.text.pdf.PdfWriter;

/** Prints a report with OpenPDF: heading, as-of line, summary facts, the dashboard chart when present, tables. */
final class ReportPdf {

    private static final DateTimeFormatter AS_OF =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final Color HEADER = new Color(0xE3, 0xEA, 0xF2);
    private static final Color BAR = new Color(0x2F, 0x6D, 0xB5);
    private static final Color LINE = new Color(0x1B, 0x8A, 0x5A);
    private static final float CHART_WIDTH = 500;
    private static final float CHART_HEIGHT = 190;

    private ReportPdf() {}

    static byte[] write(ReportDocument report) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4.rotate(), 36, 36, 36, 36);
        PdfWriter writer = PdfWriter.getInstance(document, out);
        document.addTitle(report.title());
        document.addCreator("compliance-suite reporting-service");
        document.open();

        document.add(new Paragraph(report.title(), FontFactory.getFont(FontFactory.HELVETICA_BOLD, 18, Font.NORMAL)));
        document.add(new Paragraph(
                "Data as of " + AS_OF.format(report.asOf()),
                FontFactory.getFont(FontFactory.HELVETICA, 9, Font.ITALIC)));
        if (!report.facts().isEmpty()) {
            document.add(heading("Summary"));
            PdfPTable facts = new PdfPTable(2);
            facts.setWidthPercentage(60);
            facts.setHorizontalAlignment(Element.ALIGN_LEFT);
            for (ReportDocument.Fact fact : report.facts()) {
                facts.addCell(cell(fact.label(), true));
                facts.addCell(cell(fact.value(), false));
            }
            document.add(facts);
        }
        if (report.chart() != null) {
            document.add(heading("Scores"));
            document.add(chart(writer.getDirectContent(), report.chart()));
        }
        for (ReportDocument.ReportTable table : report.tables()) {
            document.add(heading(table.heading()));
            document.add(table(table));
        }

        document.close();
        return out.toByteArray();
    }

    private static Paragraph heading(String text) {
        Paragraph p = new Paragraph(text, FontFactory.getFont(FontFactory.HELVETICA_BOLD, 13, Font.NORMAL));
        p.setSpacingBefore(12);
        p.setSpacingAfter(6);
        return p;
    }

    private static PdfPTable table(ReportDocument.ReportTable table) {
        PdfPTable pdf = new PdfPTable(Math.max(1, table.columns().size()));
        pdf.setWidthPercentage(100);
        pdf.setHeaderRows(1);
        for (String column : table.columns()) {
            PdfPCell header = cell(column, true);
            header.setBackgroundColor(HEADER);
            pdf.addCell(header);
        }
        for (List<String> row : table.rows()) {
            for (String value : row) {
                pdf.addCell(cell(value, false));
            }
        }
        if (table.rows().isEmpty()) {
            PdfPCell none = cell("none", false);
            none.setColspan(Math.max(1, table.columns().size()));
            pdf.addCell(none);
        }
        return pdf;
    }

    private static PdfPCell cell(String text, boolean bold) {
        Font font = FontFactory.getFont(bold ? FontFactory.HELVETICA_BOLD : FontFactory.HELVETICA, 8, Font.NORMAL);
        PdfPCell cell = new PdfPCell(new Phrase(text == null ? "" : text, font));
        cell.setPadding(3);
        return cell;
    }

    /** Bars of the framework scores on the left, the overall score over time on the right, both on a 0..100 axis. */
    private static Image chart(PdfContentByte content, ReportDocument.Chart chart) {
        PdfTemplate t = content.createTemplate(CHART_WIDTH, CHART_HEIGHT);
        BaseFont font = FontFactory.getFont(FontFactory.HELVETICA).getCalculatedBaseFont(false);
        float top = CHART_HEIGHT - 20;
        float bottom = 30;
        float plot = top - bottom;

        float barsLeft = 30;
        float barsWidth = 220;
        axis(t, font, barsLeft, bottom, barsWidth, plot);
        List<ReportDocument.Bar> bars = chart.bars();
        float slot = bars.isEmpty() ? barsWidth : barsWidth / bars.size();
        for (int i = 0; i < bars.size(); i++) {
            ReportDocument.Bar bar = bars.get(i);
            float x = barsLeft + i * slot + slot * 0.15f;
            float h = bar.value() == null ? 0 : (float) (plot * bar.value() / 100.0);
            t.setColorFill(BAR);
            t.rectangle(x, bottom, slot * 0.7f, h);
            t.fill();
            text(t, font, bar.label(), x + slot * 0.35f, bottom - 12, 6);
            text(
                    t,
                    font,
                    bar.value() == null ? "n/a" : String.valueOf(bar.value()),
                    x + slot * 0.35f,
                    bottom + h + 3,
                    7);
        }
        text(t, font, "Score per framework", barsLeft + barsWidth / 2, top + 8, 8);

        float lineLeft = 290;
        float lineWidth = 200;
        axis(t, font, lineLeft, bottom, lineWidth, plot);
        List<ReportDocument.TrendPoint> points =
                chart.trend().stream().filter(p -> p.value() != null).toList();
        if (!points.isEmpty()) {
            t.setColorStroke(LINE);
            t.setLineWidth(1.5f);
            float step = points.size() == 1 ? 0 : lineWidth / (points.size() - 1);
            for (int i = 0; i < points.size(); i++) {
                float x = lineLeft + i * step;
                float y = bottom + (float) (plot * points.get(i).value() / 100.0);
                if (i == 0) {
                    t.moveTo(x, y);
                } else {
                    t.lineTo(x, y);
                }
            }
            t.stroke();
            if (points.size() == 1) {
                float y = bottom + (float) (plot * points.getFirst().value() / 100.0);
                t.setColorFill(LINE);
                t.rectangle(lineLeft - 2, y - 2, 4, 4);
                t.fill();
            }
            text(t, font, points.getFirst().date().toString(), lineLeft, bottom - 12, 6);
            text(t, font, points.getLast().date().toString(), lineLeft + lineWidth, bottom - 12, 6);
        }
        text(t, font, "Overall score over time", lineLeft + lineWidth / 2, top + 8, 8);
        return Image.getInstance(t);
    }

    private static void axis(PdfTemplate t, BaseFont font, float left, float bottom, float width, float height) {
        t.setColorStroke(Color.GRAY);
        t.setLineWidth(0.5f);
        t.moveTo(left, bottom);
        t.lineTo(left, bottom + height);
        t.moveTo(left, bottom);
        t.lineTo(left + width, bottom);
        t.stroke();
        text(t, font, "0", left - 8, bottom - 2, 6);
        text(t, font, "100", left - 10, bottom + height - 2, 6);
    }

    private static void text(PdfTemplate t, BaseFont font, String s, float x, float y, float size) {
        t.beginText();
        t.setColorFill(Color.DARK_GRAY);
        t.setFontAndSize(font, size);
        t.showTextAligned(Element.ALIGN_CENTER, s, x, y, 0);
        t.endText();
    }
}
