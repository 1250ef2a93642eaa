package org.compliancesuite.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every operation of the API is documented with an operation id and its refusals. */
@QuarkusTest
class OpenApiTest {

    @Test
    void everyOperationHasAnIdAndDocumentsUnauthorisedAndForbidden() {
        JsonPath openApi = given().queryParam("format", "json")
                .when()
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Map<String, Map<String, Map<String, Object>>> paths = openApi.getMap("paths");
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
        paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
            if (!path.startsWith("/api/")) {
                return;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> responses = (Map<String, Object>) operation.get("responses");
            if (operation.get("operationId") == null
                    || !responses.containsKey("401")
                    || !responses.containsKey("403")) {
                undocumented.add(method + " " + path);
            }
        }));
        assertThat(undocumented, empty());
    }
}
