package org.compliancesuite.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the API is documented with an operation id and the refusals it can give. What an operation can
 * answer follows from how the resources behave: every protected operation 401 and 403; a path parameter names a
 * record, so 404; a body or a constrained query parameter is validated, so 422 (and a body 400 for malformed
 * JSON); the operations below that create or change records with identities or life cycles 409.
 */
@QuarkusTest
class OpenApiTest {

    /** Operations that answer 409, and why. */
    private static final Map<String, String> CONFLICTS = Map.of(
            "createFramework", "same name and version, or a code listed twice",
            "addRequirement", "the code exists, or the framework is built-in or retired",
            "versionFramework", "that version exists, or the framework is built-in",
            "retireFramework", "built-in or already retired",
            "addMapping", "the mapping exists, or the framework is built-in or retired",
            "setApplicability", "the framework is retired",
            "setApplicabilityBulk", "a code listed twice, or the framework is retired",
            "importOscal", "duplicate ids or codes, or the name and version exist");

    private Map<String, Map<String, Object>> paths;

    @BeforeEach
    void readOpenApi() {
        JsonPath openApi = given().queryParam("format", "json")
                .when()
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        paths = openApi.getMap("paths");
    }

    @Test
    void everyOperationHasAnIdAndDocumentsUnauthorisedAndForbidden() {
        assertThat(
                paths.keySet(),
                hasItems(
                        "/api/v1/frameworks",
                        "/api/v1/frameworks/{id}/requirements/{code}",
                        "/api/v1/frameworks/{frameworkId}/checklist",
                        "/api/v1/controls/{id}",
                        "/api/v1/maturity",
                        "/api/v1/frameworks/{frameworkId}/audits",
                        "/api/v1/frameworks/oscal",
                        "/api/v1/changes"));
        List<String> undocumented = new ArrayList<>();
        forEachOperation((path, method, operation) -> {
            Map<String, Object> responses = responses(operation);
            if (operation.get("operationId") == null
                    || !responses.containsKey("401")
                    || !responses.containsKey("403")) {
                undocumented.add(method + " " + path);
            }
        });
        assertThat(undocumented, empty());
    }

    @Test
    void everyOperationDocumentsTheNotFoundConflictAndValidationAnswersItCanGive() {
        List<String> missing = new ArrayList<>();
        forEachOperation((path, method, operation) -> {
            String id = (String) operation.get("operationId");
            Set<String> declared = responses(operation).keySet();
            for (String code : expected(path, operation, id)) {
                if (!declared.contains(code)) {
                    missing.add(id + " " + code);
                }
            }
        });
        assertThat(missing, empty());
        assertThat(
                "every operation with a 409 in the table exists",
                operationIds().containsAll(CONFLICTS.keySet()),
                equalTo(true));
    }

    @Test
    void theAccessTestsCoverEveryOperation() {
        Set<String> covered =
                Operations.all().stream().map(Operations.Operation::id).collect(Collectors.toCollection(TreeSet::new));
        assertThat(operationIds(), equalTo(covered));
    }

    private Set<String> expected(String path, Map<String, Object> operation, String id) {
        Set<String> codes = new TreeSet<>();
        if (path.contains("{")) {
            codes.add("404");
        }
        if (operation.containsKey("requestBody")) {
            codes.add("400");
            codes.add("422");
        }
        if (parameters(operation).stream().anyMatch(OpenApiTest::validated)) {
            codes.add("422");
        }
        if (CONFLICTS.containsKey(id)) {
            codes.add("409");
        }
        if (id.equals("importOscal")) {
            codes.add("413");
        }
        return codes;
    }

    /** A query parameter that is required or carries a bound answers 422 when the bound is broken. */
    @SuppressWarnings("unchecked")
    private static boolean validated(Map<String, Object> parameter) {
        if (!"query".equals(parameter.get("in"))) {
            return false;
        }
        Map<String, Object> schema = (Map<String, Object>) parameter.getOrDefault("schema", Map.of());
        return Boolean.TRUE.equals(parameter.get("required"))
                || schema.keySet().stream()
                        .anyMatch(Set.of("minimum", "maximum", "minLength", "maxLength", "pattern")::contains);
    }

    private Set<String> operationIds() {
        Set<String> ids = new TreeSet<>();
        forEachOperation((path, method, operation) -> ids.add((String) operation.get("operationId")));
        return ids;
    }

    @SuppressWarnings("unchecked")
    private void forEachOperation(OperationVisitor visitor) {
        paths.forEach((path, item) -> item.forEach((method, operation) -> {
            // A path item also holds shared "parameters" (a list), which is not an operation.
            if (path.startsWith("/api/") && operation instanceof Map<?, ?> map) {
                visitor.visit(path, method, (Map<String, Object>) map);
            }
        }));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> responses(Map<String, Object> operation) {
        return (Map<String, Object>) operation.getOrDefault("responses", Map.of());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> parameters(Map<String, Object> operation) {
        return (List<Map<String, Object>>) operation.getOrDefault("parameters", List.of());
    }

    @FunctionalInterface
    private interface OperationVisitor {
        void visit(String path, String method, Map<String, Object> operation);
    }
}
