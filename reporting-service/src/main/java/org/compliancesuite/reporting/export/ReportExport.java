package org.compliancesuite.reporting.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.function.Supplier;
import org.compliancesuite.common.problem.ProblemException;

/** Answers a report in the format the caller asked for, as a download for every format except JSON. */
@ApplicationScoped
public class ReportExport {

    @Inject
    ObjectMapper json;

    /**
     * @param format the {@code format} query parameter (json, csv, pdf, oscal)
     * @param body the report's API record, the JSON answer
     * @param document the same report laid out for the other formats, built only when needed
     * @param version the report's version for OSCAL metadata
     */
    public Response render(String format, Object body, Supplier<ReportDocument> document, String version) {
        ReportFormat chosen = ReportFormat.parse(format);
        if (chosen == ReportFormat.JSON) {
            return Response.ok(body, chosen.mediaType()).build();
        }

        ReportDocument doc = document.get();
        byte[] bytes = switch (chosen) {
            case CSV -> ReportCsv.write(doc);
            case PDF -> ReportPdf.write(doc);
            default -> {
                if (doc.assessed().isEmpty()) {
                    throw new ProblemException(
                            406, "Not Acceptable", "this report assesses no controls, so it has no OSCAL form");
                }
                yield OscalAssessmentResults.write(json, doc, version);
            }
        };
        String file = doc.reportId() + "-" + LocalDate.ofInstant(doc.asOf(), ZoneOffset.UTC) + "." + chosen.extension();
        String mediaType = chosen == ReportFormat.CSV ? chosen.mediaType() + "; charset=UTF-8" : chosen.mediaType();
        return Response.ok(bytes, mediaType)
                .header("Content-Disposition", "attachment; filename=\"" + file + "\"")
                .build();
    }
}
