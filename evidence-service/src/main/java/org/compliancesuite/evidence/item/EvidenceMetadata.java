package org.compliancesuite.evidence.item;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What describes evidence, whatever its content: the {@code metadata} part of a multipart upload, or the query
 * parameters of a raw upload. {@code requirementRefs} are {@code frameworkId:code}; {@code collectedAt} defaults to
 * the time of upload.
 */
public record EvidenceMetadata(
        @NotBlank @Size(max = 300) String title,
        @Size(max = 4000) String description,
        @NotEmpty @Size(max = 50) List<@NotBlank @Size(max = 100) String> controlIds,
        @Size(max = 50) List<@NotBlank @Size(max = 200) String> requirementRefs,
        Instant collectedAt,
        LocalDate periodStart,
        LocalDate periodEnd) {

    public List<String> requirementRefs() {
        return requirementRefs == null ? List.of() : requirementRefs;
    }
}
