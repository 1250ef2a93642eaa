package org.compliancesuite.evidence.item;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Evidence given as a JSON record instead of a file. */
public record EvidenceRecordRequest(
        @NotBlank @Size(max = 300) String title,
        @Size(max = 4000) String description,
        @NotEmpty @Size(max = 50) List<@NotBlank @Size(max = 100) String> controlIds,
        @Size(max = 50) List<@NotBlank @Size(max = 200) String> requirementRefs,
        Instant collectedAt,
        LocalDate periodStart,
        LocalDate periodEnd,
        @NotNull JsonNode record) {

    public EvidenceMetadata metadata() {
        return new EvidenceMetadata(
                title, description, controlIds, requirementRefs, collectedAt, periodStart, periodEnd);
    }
}
