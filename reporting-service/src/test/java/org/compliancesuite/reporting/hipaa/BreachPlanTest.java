package org.compliancesuite.reporting.hipaa;

import static io.restassured.RestAssured.given;
import static org.compliancesuite.reporting.Fixture.map;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.compliancesuite.common.security.Roles;
import org.compliancesuite.common.testing.TestTokens;
import org.compliancesuite.common.testing.TokenMatrix;
import org.compliancesuite.reporting.upstream.UpstreamStubResource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(UpstreamStubResource.class)
class BreachPlanTest {

    private static final String PATH = "/api/v1/reports/hipaa/breach-plan";

    static ValidatableResponse plan(Object body) {
        return given().auth()
                .oauth2(TestTokens.token("hipaa", Roles.SECURITY_OFFICER))
                .contentType(ContentType.JSON)
                .body(body)
                .post(PATH)
                .then();
    }

    @Test
    void largeBreachDiscoveredByABusinessAssociate() {
        plan(map(
                        "discoveryDate",
                        "2026-03-10",
                        "affectedByState",
                        map("CA", 600, "ny", 10, "TX", 501),
                        "discoveredByBusinessAssociate",
                        true,
                        "missingContactCount",
                        12))
                .statusCode(200)
                .body("totalAffected", equalTo(1111))
                .body("affectedByState.NY", equalTo(10))
                .body("tasks.find { it.code == 'internal-notice' }.dueDate", equalTo("2026-03-11"))
                // 45 CFR 164.410(b): 60 calendar days after discovery.
                .body("tasks.find { it.code == 'business-associate-notice' }.dueDate", equalTo("2026-05-09"))
                .body("tasks.find { it.code == 'business-associate-notice' }.rule", equalTo("45 CFR 164.410"))
                // 45 CFR 164.404(b)
                .body("tasks.find { it.code == 'individual-notice' }.dueDate", equalTo("2026-05-09"))
                .body("tasks.find { it.code == 'individual-notice' }.rule", equalTo("45 CFR 164.404"))
                // 45 CFR 164.404(d)(2): 12 without contact details -> web posting or media, toll-free number.
                .body("tasks.find { it.code == 'substitute-notice' }.title", containsString("web posting for 90 days"))
                .body("tasks.find { it.code == 'substitute-notice' }.rule", equalTo("45 CFR 164.404(d)(2)"))
                // 45 CFR 164.406: only states with more than 500 residents affected.
                .body("tasks.findAll { it.code == 'media-notice' }.jurisdiction", contains("CA", "TX"))
                .body("tasks.findAll { it.code == 'media-notice' }.dueDate", contains("2026-05-09", "2026-05-09"))
                // 45 CFR 164.408(b): 500 or more in total.
                .body("tasks.find { it.code == 'hhs-notice' }.dueDate", equalTo("2026-05-09"))
                .body("tasks.code", not(hasItem("hhs-annual-log")))
                .body("computedBy", equalTo("user-hipaa"));
    }

    @Test
    void smallBreachGoesToTheAnnualLog() {
        plan(map("discoveryDate", "2026-11-20", "affectedByState", map("CA", 499), "missingContactCount", 3))
                .statusCode(200)
                .body("tasks.code", not(hasItem("media-notice")))
                .body("tasks.code", not(hasItem("hhs-notice")))
                .body("tasks.code", not(hasItem("business-associate-notice")))
                // 45 CFR 164.408(c): 60 days after the end of the calendar year of discovery.
                .body("tasks.find { it.code == 'hhs-annual-log' }.dueDate", equalTo("2027-03-01"))
                .body("tasks.find { it.code == 'individual-notice' }.dueDate", equalTo("2027-01-19"))
                .body("tasks.find { it.code == 'substitute-notice' }.title", containsString("telephone"));
    }

    @Test
    void exactlyFiveHundredInOneStateNeedsHhsButNoMedia() {
        plan(map("discoveryDate", "2026-02-01", "affectedByState", map("PR", 500)))
                .statusCode(200)
                .body("tasks.code", not(hasItem("media-notice")))
                .body("tasks.code", not(hasItem("substitute-notice")))
                .body("tasks.find { it.code == 'hhs-notice' }.dueDate", equalTo("2026-04-02"));
    }

    @Test
    void lawEnforcementDelayMovesTheDeadlines() {
        // 45 CFR 164.412(a): a written statement delays for the period it specifies (here 30 days).
        plan(map(
                        "discoveryDate", "2026-03-10",
                        "affectedByState", map("CA", 600),
                        "lawEnforcementDelay",
                                map(
                                        "statementKind",
                                        "written",
                                        "statementDate",
                                        "2026-03-20",
                                        "delayUntil",
                                        "2026-04-19",
                                        "official",
                                        "FBI field office")))
                .statusCode(200)
                .body("delay.daysAdded", equalTo(30))
                .body("delay.rule", equalTo("45 CFR 164.412(a)"))
                .body("tasks.find { it.code == 'individual-notice' }.originalDueDate", equalTo("2026-05-09"))
                .body("tasks.find { it.code == 'individual-notice' }.dueDate", equalTo("2026-06-08"))
                .body("tasks.find { it.code == 'individual-notice' }.notBefore", equalTo("2026-04-19"))
                .body("tasks.find { it.code == 'media-notice' }.dueDate", equalTo("2026-06-08"))
                .body("tasks.find { it.code == 'hhs-notice' }.dueDate", equalTo("2026-06-08"))
                .body("tasks.find { it.code == 'internal-notice' }.dueDate", equalTo("2026-03-11"))
                .body("tasks.find { it.code == 'internal-notice' }.notBefore", nullValue());

        // 45 CFR 164.412(b): an oral statement delays no longer than 30 days from the statement.
        plan(map(
                        "discoveryDate", "2026-03-10",
                        "affectedByState", map("CA", 20),
                        "lawEnforcementDelay",
                                map(
                                        "statementKind",
                                        "oral",
                                        "statementDate",
                                        "2026-03-20",
                                        "delayUntil",
                                        "2026-06-01")))
                .statusCode(200)
                .body("delay.delayEnd", equalTo("2026-04-19"))
                .body("delay.rule", equalTo("45 CFR 164.412(b)"))
                .body("tasks.find { it.code == 'individual-notice' }.dueDate", equalTo("2026-06-08"));

        plan(map(
                        "discoveryDate", "2026-03-10",
                        "affectedByState", map("CA", 20),
                        "lawEnforcementDelay", map("statementKind", "written", "statementDate", "2026-03-20")))
                .statusCode(422)
                .body("errors[0].field", equalTo("lawEnforcementDelay.delayUntil"));
    }

    @Test
    void badInputIsRefused() {
        plan(map("discoveryDate", "2026-03-10", "affectedByState", map("ZZ", 5)))
                .statusCode(422)
                .body("errors[0].field", equalTo("affectedByState.ZZ"));
        // Freely associated states are not US territories.
        plan(map("discoveryDate", "2026-03-10", "affectedByState", map("FM", 5)))
                .statusCode(422);
        plan(map("discoveryDate", "2026-03-10", "affectedByState", map("CA", -1)))
                .statusCode(422)
                .body("detail", containsString("affectedByState"));
        plan(map("discoveryDate", "2026-03-10", "affectedByState", map("CA", "many")))
                .statusCode(422);
        plan(map("discoveryDate", "2026-03-10", "affectedByState", map("CA", 5), "missingContactCount", -2))
                .statusCode(422)
                .body("errors[0].field", equalTo("missingContactCount"));
        plan(map("discoveryDate", "2026-03-10", "affectedByState", map("CA", 5), "missingContactCount", "x"))
                .statusCode(422);
        plan(map("discoveryDate", "2026-03-10", "affectedByState", map("CA", 5), "missingContactCount", 6))
                .statusCode(422);
        plan(map("affectedByState", map("CA", 5))).statusCode(422).body("errors[0].field", equalTo("discoveryDate"));
        plan(map(
                        "discoveryDate",
                        LocalDate.now(ZoneOffset.UTC).plusDays(2).toString(),
                        "affectedByState",
                        map("CA", 5)))
                .statusCode(422);
        plan(map("discoveryDate", "2026-03-10", "affectedByState", map("CA", 0)))
                .statusCode(422);
        plan(map("discoveryDate", "2026-03-10", "affectedByState", map("CA", 300_000_000, "TX", 300_000_000)))
                .statusCode(422)
                .body("errors[0].field", equalTo("affectedByState"));
        plan(map(
                        "discoveryDate", "2026-03-10",
                        "affectedByState", map("CA", 5),
                        "lawEnforcementDelay",
                                map(
                                        "statementKind",
                                        "written",
                                        "statementDate",
                                        "2026-03-20",
                                        "delayUntil",
                                        "+999999999-12-31")))
                .statusCode(422)
                .body("errors[0].field", equalTo("lawEnforcementDelay.delayUntil"));
        plan(map(
                        "discoveryDate", "2026-03-10",
                        "affectedByState", map("CA", 5),
                        "lawEnforcementDelay",
                                map(
                                        "statementKind",
                                        "oral",
                                        "statementDate",
                                        LocalDate.now(ZoneOffset.UTC)
                                                .plusDays(5)
                                                .toString())))
                .statusCode(422)
                .body("errors[0].field", equalTo("lawEnforcementDelay.statementDate"));
    }

    @Test
    void everyCountMustBeAWholeNonNegativeNumber() {
        // Jackson alone would read 1.5 as 1 and answer 400 for true: each answers 422 naming the field.
        for (Object bad :
                new Object[] {1.5, 2.0, 1e3, true, false, "12", "many", -1, 3_000_000_000L, List.of(5), map()}) {
            plan(map("discoveryDate", "2026-03-10", "affectedByState", map("CA", bad)))
                    .statusCode(422)
                    .contentType(startsWith("application/problem+json"))
                    .body("errors[0].field", startsWith("affectedByState"))
                    .body("errors[0].field", containsString("CA"));
            plan(map("discoveryDate", "2026-03-10", "affectedByState", map("CA", 20), "missingContactCount", bad))
                    .statusCode(422)
                    .contentType(startsWith("application/problem+json"))
                    .body("errors[0].field", equalTo("missingContactCount"));
        }
        // The same counts written as JSON integers are accepted.
        plan(map("discoveryDate", "2026-03-10", "affectedByState", map("CA", 20), "missingContactCount", 2))
                .statusCode(200)
                .body("totalAffected", equalTo(20))
                .body("missingContactCount", equalTo(2));
    }

    @Test
    void tokenMatrix() {
        Map<String, Object> body = map("discoveryDate", "2026-03-10", "affectedByState", map("CA", 5));
        TokenMatrix.assertRefusals(
                token -> TokenMatrix.bearer(token).contentType(ContentType.JSON).body(body),
                "POST",
                PATH,
                "hipaa",
                Roles.SECURITY_OFFICER,
                Roles.AUDITOR);
    }
}
