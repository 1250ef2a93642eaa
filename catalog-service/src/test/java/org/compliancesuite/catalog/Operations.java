package org.compliancesuite.catalog;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Every operation of the catalog API with a concrete request for it, so that the token matrix, the read access
 * rule and the OpenAPI completeness check run over all of them. {@link OpenApiTest} fails when the service has an
 * operation this table does not list, so a new endpoint cannot skip the matrix.
 */
public final class Operations {

    /** The roles that read compliance data; evidence-collector reads the catalog content only. */
    public static final List<String> READERS =
            List.of("grc-admin", "compliance-manager", "auditor", "security-officer");

    /** Roles that never change compliance data. */
    public static final List<String> NON_WRITERS =
            List.of("auditor", "security-officer", "evidence-collector", "phi-reader");

    private static final String ISO = "/api/v1/frameworks/iso27001-2022";
    private static final Map<String, Object> MAPPING =
            Map.of("controlId", "mfa", "relationship", "superset", "rationale", "matrix");
    private static final String CATALOG = "{\"catalog\": {\"uuid\": \"" + UUID.randomUUID()
            + "\", \"metadata\": {\"title\": \"Matrix\", \"last-modified\": \"2026-11-30T10:00:00Z\","
            + " \"version\": \"1\", \"oscal-version\": \"1.1.2\"}}}";

    private Operations() {}

    /**
     * One operation.
     *
     * @param id the OpenAPI operationId
     * @param method the HTTP method
     * @param path a path that names existing records (built-in frameworks, the mfa control)
     * @param body the request body, or null
     * @param read whether it only reads (GET)
     * @param collectorReads whether evidence-collector may call it too
     */
    public record Operation(String id, String method, String path, Object body, boolean read, boolean collectorReads) {

        @Override
        public String toString() {
            return id;
        }
    }

    public static List<Operation> all() {
        return List.of(
                read("listFrameworks", "/api/v1/frameworks", true),
                read("getFramework", ISO, true),
                read("listRequirements", ISO + "/requirements", true),
                read("requirementTree", ISO + "/requirements/tree", true),
                read("getRequirement", ISO + "/requirements/A.8.5", true),
                read("searchRequirements", "/api/v1/requirements?q=mfa", true),
                write("createFramework", "POST", "/api/v1/frameworks", Map.of("name", "Matrix", "version", "1")),
                write("addRequirement", "POST", ISO + "/requirements", Map.of("code", "M-1", "title", "Matrix")),
                write("versionFramework", "POST", ISO + "/versions", Map.of("version", "2")),
                read("frameworkVersions", ISO + "/versions", false),
                write("retireFramework", "POST", ISO + "/retire", null),
                read("listControls", "/api/v1/controls", true),
                read("getControl", "/api/v1/controls/mfa", true),
                read("requirementControls", ISO + "/requirements/A.8.5/controls", true),
                write("addMapping", "POST", ISO + "/requirements/A.8.5/mappings", MAPPING),
                read("frameworkCoverage", ISO + "/coverage?by=soc2-2017", false),
                read("getApplicability", ISO + "/requirements/A.8.5/applicability", false),
                write("setApplicability", "PUT", ISO + "/requirements/A.8.5/applicability", Map.of("applicable", true)),
                read("listApplicability", ISO + "/applicability", false),
                write(
                        "setApplicabilityBulk",
                        "PUT",
                        ISO + "/applicability",
                        Map.of("items", List.of(Map.of("code", "A.8.5", "applicable", true)))),
                read("getChecklist", ISO + "/checklist", false),
                write(
                        "assessMaturity",
                        "POST",
                        "/api/v1/controls/mfa/maturity",
                        Map.of("currentLevel", 2, "targetLevel", 2)),
                read("maturityHistory", "/api/v1/controls/mfa/maturity", false),
                read("latestMaturity", "/api/v1/maturity", false),
                write(
                        "updateRemediation",
                        "PATCH",
                        "/api/v1/maturity/remediation/" + UUID.randomUUID(),
                        Map.of("status", "done")),
                write(
                        "recordAudit",
                        "POST",
                        ISO + "/audits",
                        Map.of("auditDate", "2025-01-01", "auditType", "surveillance", "auditor", "Matrix")),
                read("listAudits", ISO + "/audits", false),
                read("listChanges", "/api/v1/changes", false),
                read("exportOscal", ISO + "/oscal", false),
                write("importOscal", "POST", "/api/v1/frameworks/oscal", CATALOG));
    }

    public static List<Operation> reads() {
        return all().stream().filter(Operation::read).toList();
    }

    private static Operation read(String id, String path, boolean collectorReads) {
        return new Operation(id, "GET", path, null, true, collectorReads);
    }

    private static Operation write(String id, String method, String path, Object body) {
        return new Operation(id, method, path, body, false, false);
    }
}
