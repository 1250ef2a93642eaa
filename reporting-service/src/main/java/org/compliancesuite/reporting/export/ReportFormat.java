package org.compliancesuite.reporting.export;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.compliancesuite.common.problem.ProblemException;

/** The formats every report can be exported in, chosen with the {@code format} query parameter. */
public enum ReportFormat {
    JSON("application/json", "json"),
    CSV("text/csv", "csv"),
    PDF("application/pdf", "pdf"),
    /** OSCAL 1.1.2 assessment results, for assessment reports. */
    OSCAL("application/json", "oscal.json");

    private final String mediaType;
    private final String extension;

    ReportFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    /** The format named by the query parameter (case-insensitive); json when absent; 422 when unknown. */
    public static ReportFormat parse(String name) {
        if (name == null || name.isBlank()) {
            return JSON;
        }
        return Arrays.stream(values())
                .filter(f -> f.name().equalsIgnoreCase(name.trim()))
                .findFirst()
                .orElseThrow(() -> ProblemException.unprocessable(
                        "format",
                        "must be one of "
                                + Arrays.stream(values())
                                        .map(f -> f.name().toLowerCase())
                                        .collect(Collectors.joining(", "))));
    }
}
