package org.compliancesuite.reporting.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * A report as an OSCAL 1.1.2 assessment-results document: one result whose findings are the assessed targets
 * (satisfied or not) and whose observations list the evidence each finding rests on.
 */
final class OscalAssessmentResults {

    static final String OSCAL_VERSION = "1.1.2";

    private OscalAssessmentResults() {}

    static byte[] write(ObjectMapper json, ReportDocument report, String version) {
        Instant asOf = report.asOf().truncatedTo(ChronoUnit.SECONDS);
        ObjectNode root = json.createObjectNode();
        ObjectNode ar = root.putObject("assessment-results");
        ar.put("uuid", UUID.randomUUID().toString());

        ObjectNode metadata = ar.putObject("metadata");
        metadata.put("title", report.title());
        metadata.put("last-modified", asOf.toString());
        metadata.put("version", version);
        metadata.put("oscal-version", OSCAL_VERSION);

        // The suite keeps no separate OSCAL assessment plan; the plan is the report definition named here.
        ar.putObject("import-ap").put("href", "urn:compliance-suite:assessment-plan:" + report.reportId());

        ObjectNode result = ar.putArray("results").addObject();
        result.put("uuid", UUID.randomUUID().toString());
        result.put("title", report.title());
        result.put("description", "Computed by reporting-service from catalog-service and evidence-service records.");
        result.put("start", asOf.toString());
        result.putObject("reviewed-controls")
                .putArray("control-selections")
                .addObject()
                .putObject("include-all");

        ArrayNode observations = json.createArrayNode();
        ArrayNode findings = json.createArrayNode();
        for (ReportDocument.AssessedItem item : report.assessed()) {
            ObjectNode finding = findings.addObject();
            finding.put("uuid", UUID.randomUUID().toString());
            finding.put("title", item.targetId() + (item.title() == null ? "" : " " + item.title()));
            finding.put("description", item.description());
            ObjectNode target = finding.putObject("target");
            target.put("type", "objective-id");
            target.put("target-id", token(item.targetId()));
            ObjectNode status = target.putObject("status");
            status.put("state", item.satisfied() ? "satisfied" : "not-satisfied");
            // OSCAL has no "not tested" state: an untested target is not satisfied, with reason "other" and why.
            status.put("reason", !item.tested() ? "other" : item.satisfied() ? "pass" : "fail");
            if (!item.tested()) {
                status.put("remarks", "not tested: " + item.notTestedReason());
            }

            if (!item.evidenceIds().isEmpty()) {
                ObjectNode observation = observations.addObject();
                String observationId = UUID.randomUUID().toString();
                observation.put("uuid", observationId);
                observation.put("title", "Evidence for " + item.targetId());
                observation.put("description", "Accepted evidence recorded in evidence-service for " + item.targetId());
                observation.putArray("methods").add("EXAMINE");
                ArrayNode relevant = observation.putArray("relevant-evidence");
                for (String evidenceId : item.evidenceIds()) {
                    relevant.addObject()
                            .put("href", "urn:compliance-suite:evidence:" + evidenceId)
                            .put("description", "evidence " + evidenceId);
                }
                observation.put("collected", asOf.toString());
                finding.putArray("related-observations").addObject().put("observation-uuid", observationId);
            }
        }
        if (!observations.isEmpty()) {
            result.set("observations", observations);
        }
        if (!findings.isEmpty()) {
            result.set("findings", findings);
        }
        try {
            return json.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(root)
                    .getBytes(StandardCharsets.UTF_8);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("OSCAL document could not be written", e);
        }
    }

    /**
     * OSCAL ids are XML NCNames: they start with a letter or underscore and hold letters, digits, '.', '-', '_'.
     * Framework codes such as {@code 8.4.2} or {@code 164.312(b)} are kept readable and made valid.
     */
    static String token(String code) {
        String cleaned = code.replaceAll("[^\\p{L}\\p{N}._-]", "_");
        return Character.isLetter(cleaned.codePointAt(0)) || cleaned.charAt(0) == '_' ? cleaned : "req-" + cleaned;
    }
}
