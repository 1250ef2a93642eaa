package org.compliancesuite.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Journey 4: a breach of 700 records across two states is entered, and the HIPAA plan has the right recipients and
 * dates (45 CFR 164.404-164.408).
 */
@Order(13)
class BreachPlanJourneyTest {

    @Test
    void breachOf700AcrossTwoStatesHasTheRightRecipientsAndDates() {
        RunningSuite suite = RunningSuite.get();
        String officer = suite.token("hospital", "security-officer", "compliance-manager");
        JsonPath plan = Api.as(officer)
                .body(Map.of(
                        "discoveryDate",
                        "2026-03-02",
                        "affectedByState",
                        Map.of("CA", 620, "NV", 80),
                        "discoveredByBusinessAssociate",
                        false,
                        "missingContactCount",
                        4))
                .post(RunningSuite.baseUrl("reporting") + "/api/v1/reports/hipaa/breach-plan")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(700, plan.getInt("totalAffected"));
        List<Map<String, Object>> tasks = plan.getList("tasks");

        // 164.404(b): individuals no later than 60 calendar days after discovery: 2 March + 60 days = 1 May.
        assertEquals("2026-05-01", due(tasks, "individual-notice", null));
        // 164.406: media only in the state with more than 500 affected residents.
        assertEquals("2026-05-01", due(tasks, "media-notice", "CA"));
        assertTrue(
                tasks.stream()
                        .noneMatch(t -> "media-notice".equals(t.get("code")) && "NV".equals(t.get("jurisdiction"))),
                "no media notice for Nevada's 80 residents");
        // 164.408(b): 500 or more in total, so HHS within 60 days, not the annual log.
        assertEquals("2026-05-01", due(tasks, "hhs-notice", null));
        assertTrue(tasks.stream().noneMatch(t -> "hhs-annual-log".equals(t.get("code"))));
        // Internal notice within 24 hours.
        assertEquals("2026-03-03", due(tasks, "internal-notice", null));
        // 164.404(d)(2)(i): contact details missing for fewer than 10 (here 4): substitute notice by an alternative
        // written notice, telephone or other means, with the individual notice (the web posting or media of
        // (d)(2)(ii) is for 10 or more); 164.410 only when a business associate discovered the breach.
        assertEquals("2026-05-01", due(tasks, "substitute-notice", null));
        Map<String, Object> substitute = tasks.stream()
                .filter(t -> "substitute-notice".equals(t.get("code")))
                .findFirst()
                .orElseThrow();
        assertTrue(String.valueOf(substitute.get("rule")).contains("164.404(d)(2)"), "rule: " + substitute);
        assertTrue(String.valueOf(substitute).contains("telephone"), "fewer than 10: telephone or other means");
        assertTrue(!String.valueOf(substitute).contains("web posting"), "no web posting below 10: " + substitute);
        assertTrue(tasks.stream().noneMatch(t -> "business-associate-notice".equals(t.get("code"))));
        assertEquals(5, tasks.size(), "internal, individuals, substitute, media CA, HHS: " + tasks);
    }

    private static String due(List<Map<String, Object>> tasks, String code, String jurisdiction) {
        return tasks.stream()
                .filter(t -> code.equals(t.get("code")))
                .filter(t -> jurisdiction == null || jurisdiction.equals(t.get("jurisdiction")))
                .map(t -> String.valueOf(t.get("dueDate")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + code + " task in " + tasks));
    }
}
