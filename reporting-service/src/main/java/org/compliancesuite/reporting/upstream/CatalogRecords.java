package org.compliancesuite.reporting.upstream;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The shapes catalog-service answers with (README "Service contracts"); unknown extra fields are ignored. */
@RegisterForReflection
public final class CatalogRecords {

    private CatalogRecords() {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CatalogFramework(
            String id,
            String name,
            String version,
            Boolean builtIn,
            String scope,
            String auditType,
            String auditFrequency,
            Integer auditIntervalMonths,
            BigDecimal costMinUsd,
            BigDecimal costMaxUsd,
            Integer requirementCount) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Checklist(String frameworkId, List<ChecklistItem> items) {
        public List<ChecklistItem> itemsOrEmpty() {
            return items == null ? List.of() : items;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ChecklistItem(
            String code,
            String title,
            String parentCode,
            String group,
            Boolean applicable,
            String justification,
            String status,
            String owner,
            LocalDate targetDate,
            List<String> controlIds) {

        /** Applicable unless the tenant excluded it (the catalog's default is applicable). */
        public boolean isApplicable() {
            return !Boolean.FALSE.equals(applicable) && !"not-applicable".equals(status);
        }

        public boolean isImplemented() {
            return "implemented".equals(status);
        }

        public List<String> controls() {
            return controlIds == null ? List.of() : controlIds;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RequirementDetail(
            String frameworkId, String code, String title, String parentCode, String kind, Boolean required) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MaturityAssessment(
            String controlId,
            Integer currentLevel,
            Integer targetLevel,
            Instant assessedAt,
            String assessedBy,
            List<JsonNode> gaps,
            List<RemediationItem> remediation) {

        public boolean belowTarget() {
            return currentLevel != null && targetLevel != null && currentLevel < targetLevel;
        }

        public List<RemediationItem> remediationOrEmpty() {
            return remediation == null ? List.of() : remediation;
        }

        /** The gaps as text, whether the catalog sends strings or objects. */
        public List<String> gapTexts() {
            if (gaps == null) {
                return List.of();
            }
            return gaps.stream()
                    .map(g -> g.isTextual()
                            ? g.asText()
                            : g.has("description") ? g.get("description").asText() : g.toString())
                    .toList();
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RemediationItem(
            String id, String description, String owner, LocalDate dueDate, String status, Instant closedAt) {
        public boolean isDone() {
            return "done".equals(status);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RecordedAudit(
            String id, LocalDate auditDate, String auditType, String auditor, String recordedBy, Instant recordedAt) {}
}
