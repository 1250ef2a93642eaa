package org.compliancesuite.reporting.upstream;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The shapes evidence-service answers with (README "Service contracts"); unknown extra fields are ignored. */
@RegisterForReflection
public final class EvidenceRecords {

    private EvidenceRecords() {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ControlFreshness(
            String controlId,
            String evidenceFrequency,
            String latestAcceptedEvidenceId,
            Instant latestAcceptedCollectedAt,
            Instant freshUntil,
            boolean fresh,
            long acceptedCount,
            long rejectedCount,
            long pendingCount) {

        /** Whether the control has any evidence at all (the summary also lists catalog controls without any). */
        public boolean hasEvidence() {
            return acceptedCount + rejectedCount + pendingCount > 0;
        }

        /** Whether every item of the control is accepted, so that its newest item is its latest accepted one. */
        public boolean onlyAccepted() {
            return acceptedCount > 0 && rejectedCount == 0 && pendingCount == 0;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record EvidenceSummary(
            String id,
            String title,
            List<String> controlIds,
            List<String> requirementRefs,
            String source,
            String state,
            Instant collectedAt,
            String sha256,
            Long size,
            String mediaType) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record EvidencePage(List<EvidenceSummary> items, int page, int size, long total) {
        public List<EvidenceSummary> itemsOrEmpty() {
            return items == null ? List.of() : items;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MonitorRun(
            String monitor,
            String runId,
            String evidenceId,
            Instant ranAt,
            Boolean passed,
            JsonNode figures,
            List<MonitorFinding> findings) {

        /** A numeric figure, or null when the run did not report it. */
        public Double figure(String name) {
            if (figures == null
                    || !figures.hasNonNull(name)
                    || !figures.get(name).isNumber()) {
                return null;
            }
            return figures.get(name).asDouble();
        }

        public List<MonitorFinding> findingsOrEmpty() {
            return findings == null ? List.of() : findings;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MonitorFinding(String code, String message) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Sample(
            String id,
            String controlId,
            LocalDate periodStart,
            LocalDate periodEnd,
            String frequency,
            Integer sampleSize,
            Integer populationSize,
            String seed,
            Instant drawnAt,
            List<SampleItem> items) {
        public List<SampleItem> itemsOrEmpty() {
            return items == null ? List.of() : items;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SampleItem(
            String id, String evidenceId, String result, String note, String testedBy, Instant testedAt) {}
}
