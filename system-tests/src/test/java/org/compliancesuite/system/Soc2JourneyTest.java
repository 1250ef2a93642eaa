package org.compliancesuite.system;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Journey 3: an auditor draws a SOC 2 Type II sample for a control over six months, records results with one
 * exception, and the Type II report is qualified for that criterion.
 */
@Order(12)
class Soc2JourneyTest {

    static final String TENANT = "saas-co";
    static final String CONTROL = "access-review";

    @Test
    @SuppressWarnings("unchecked")
    void typeIISampleWithOneExceptionQualifiesTheCriterion() {
        RunningSuite suite = RunningSuite.get();
        String evidence = RunningSuite.baseUrl("evidence");
        String collector = suite.token(TENANT, "evidence-collector", "compliance-manager");
        String auditor = suite.token(TENANT, "auditor");

        // Six months of access reviews, one per month.
        List<String> population = new ArrayList<>();
        for (int month = 1; month <= 6; month++) {
            String collected = String.format("2026-%02d-15T10:00:00Z", month);
            population.add(Api.as(collector)
                    .body(Map.of(
                            "title",
                            "Access review " + collected.substring(0, 7),
                            "controlIds",
                            List.of(CONTROL),
                            "collectedAt",
                            collected,
                            "record",
                            Map.of("reviewer", "iam-team", "accounts", 40 + month)))
                    .post(evidence + "/api/v1/evidence")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id"));
        }

        JsonPath sample = Api.as(auditor)
                .body(Map.of("controlId", CONTROL, "periodStart", "2026-01-01", "periodEnd", "2026-06-30"))
                .post(evidence + "/api/v1/samples")
                .then()
                .statusCode(201)
                .body("sample.populationSize", equalTo(6))
                .extract()
                .jsonPath()
                .setRootPath("sample");
        String sampleId = sample.getString("id");
        List<Map<String, Object>> items = sample.getList("items");
        assertEquals(sample.getInt("sampleSize"), items.size());
        assertTrue(items.size() >= 2, "at least two items for a six-month period: " + items.size());
        assertTrue(
                items.stream().allMatch(i -> population.contains(String.valueOf(i.get("evidenceId")))),
                "the sample is drawn from the period's evidence");
        String exceptionItem = String.valueOf(items.get(0).get("id"));
        for (Map<String, Object> item : items) {
            boolean exception = exceptionItem.equals(String.valueOf(item.get("id")));
            Api.as(auditor)
                    .body(
                            exception
                                    ? Map.of("result", "exception", "note", "review not signed off by the system owner")
                                    : Map.of("result", "pass"))
                    .put(evidence + "/api/v1/samples/" + sampleId + "/items/" + item.get("id"))
                    .then()
                    .statusCode(200);
        }

        JsonPath report = Api.as(auditor)
                .queryParam("type", "type2")
                .queryParam("from", "2026-01-01")
                .queryParam("to", "2026-06-30")
                .get(RunningSuite.baseUrl("reporting") + "/api/v1/reports/soc2")
                .then()
                .statusCode(200)
                .body("type", equalTo("type2"))
                .body("conclusion", equalTo("qualified"))
                .extract()
                .jsonPath();
        List<Map<String, Object>> criteria = report.getList("criteria");
        List<Map<String, Object>> withOurException = criteria.stream()
                .filter(c -> ((List<Map<String, Object>>) c.get("exceptions"))
                        .stream()
                                .anyMatch(e -> "sample-exception".equals(e.get("kind"))
                                        && exceptionItem.equals(String.valueOf(e.get("itemId")))))
                .toList();
        assertTrue(!withOurException.isEmpty(), "a criterion lists the recorded exception");
        for (Map<String, Object> criterion : withOurException) {
            assertEquals("qualified", criterion.get("conclusion"), "the criterion itself is qualified: " + criterion);
            Map<String, Object> test = ((List<Map<String, Object>>) criterion.get("controls"))
                    .stream()
                            .filter(t -> CONTROL.equals(t.get("controlId")))
                            .findFirst()
                            .orElseThrow();
            assertEquals(items.size(), test.get("itemsTested"));
            assertEquals(items.size() - 1, test.get("itemsPassed"));
            assertTrue(((List<?>) test.get("sampleIds")).contains(sampleId));
        }
        // Criteria the control does not reach carry no sample exception of it.
        assertTrue(criteria.stream()
                .filter(c -> !withOurException.contains(c))
                .flatMap(c -> ((List<Map<String, Object>>) c.get("exceptions")).stream())
                .noneMatch(e -> exceptionItem.equals(String.valueOf(e.get("itemId")))));
    }
}
