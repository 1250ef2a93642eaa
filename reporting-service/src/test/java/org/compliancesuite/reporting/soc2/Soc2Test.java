package org.compliancesuite.reporting.soc2;

import static io.restassured.RestAssured.given;
import static org.compliancesuite.reporting.Fixture.item;
import static org.compliancesuite.reporting.Fixture.map;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.compliancesuite.common.security.Roles;
import org.compliancesuite.common.testing.TokenMatrix;
import org.compliancesuite.reporting.Fixture;
import org.compliancesuite.reporting.upstream.UpstreamStub;
import org.compliancesuite.reporting.upstream.UpstreamStubResource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(UpstreamStubResource.class)
class Soc2Test {

    static final String SOC2 = "soc2-2017";

    /** A sample drawn for January to June 2026. */
    @SafeVarargs
    static Map<String, Object> sample(String id, String control, Map<String, Object>... items) {
        return sample(id, control, "2026-01-01", "2026-06-30", items);
    }

    @SafeVarargs
    static Map<String, Object> sample(
            String id, String control, String periodStart, String periodEnd, Map<String, Object>... items) {
        return map(
                "id",
                id,
                "controlId",
                control,
                "periodStart",
                periodStart,
                "periodEnd",
                periodEnd,
                "frequency",
                "daily",
                "sampleSize",
                items.length,
                "populationSize",
                181,
                "seed",
                "42",
                "drawnAt",
                "2026-07-01T00:00:00Z",
                "items",
                List.of(items));
    }

    static Map<String, Object> tested(String id, String evidenceId, String result) {
        return map(
                "id",
                id,
                "evidenceId",
                evidenceId,
                "result",
                result,
                "note",
                result == null ? null : "note " + id,
                "testedBy",
                "auditor-1",
                "testedAt",
                "2026-07-02T00:00:00Z");
    }

    /** CC6.1 maps to mfa and access-review; CC7.2 to audit-logging; CC9.9 is out of scope (not applicable). */
    static Fixture soc2Tenant(String prefix) {
        Fixture f = Fixture.tenant(prefix);
        f.frameworks(Fixture.framework(SOC2, "SOC 2", 12))
                .checklist(
                        SOC2,
                        item("CC6.1", "implemented", "mfa", "access-review"),
                        item("CC7.2", "implemented", "audit-logging"),
                        item("CC9.9", "not-applicable", "vendor"));
        return f;
    }

    @Test
    void typeTwoWithAnExceptionIsQualified() {
        Fixture f = soc2Tenant("soc2-exc");
        f.samples("mfa", sample("s-mfa", "mfa", tested("i1", "ev-1", "pass"), tested("i2", "ev-2", "exception")))
                .samples("access-review", sample("s-ar", "access-review", tested("i3", "ev-3", "pass")))
                .samples("audit-logging", sample("s-log", "audit-logging", tested("i4", "ev-4", "pass")));

        given().auth()
                .oauth2(f.token(Roles.AUDITOR))
                .queryParam("type", "type2")
                .queryParam("from", "2026-01-01")
                .queryParam("to", "2026-06-30")
                .get("/api/v1/reports/soc2")
                .then()
                .statusCode(200)
                .body("criteria", hasSize(2))
                .body("criteria.code", contains("CC6.1", "CC7.2"))
                .body("criteria[0].controls.controlId", contains("mfa", "access-review"))
                .body("criteria[0].controls[0].sampleIds", contains("s-mfa"))
                .body("criteria[0].controls[0].itemsTested", equalTo(2))
                .body("criteria[0].controls[0].itemsPassed", equalTo(1))
                .body("criteria[0].controls[0].populationSize", equalTo(181))
                .body("criteria[0].exceptions", hasSize(1))
                .body("criteria[0].exceptions[0].kind", equalTo("sample-exception"))
                .body("criteria[0].exceptions[0].evidenceId", equalTo("ev-2"))
                .body("criteria[1].exceptions", hasSize(0))
                .body("exceptions", equalTo(1))
                .body("conclusion", equalTo("qualified"));

        assertTrue(UpstreamStub.calls(f.tenant).stream()
                .anyMatch(c -> c.path().endsWith("/samples")
                        && "mfa".equals(c.query().get("controlId"))
                        && "2026-01-01".equals(c.query().get("from"))
                        && "2026-06-30".equals(c.query().get("to"))));
    }

    @Test
    void typeTwoIsUnqualifiedOnlyWhenTheSamplesCoverTheWholePeriod() {
        // Every control sampled for both halves of 2026, every item passed: the only unqualified case.
        Fixture clean = soc2Tenant("soc2-clean");
        clean.samples(
                        "mfa",
                        sample("s-mfa-1", "mfa", tested("i1", "ev-1", "pass")),
                        sample("s-mfa-2", "mfa", "2026-07-01", "2026-12-31", tested("i2", "ev-2", "pass")))
                .samples(
                        "access-review",
                        sample("s-ar", "access-review", "2025-12-01", "2026-12-31", tested("i3", "ev-3", "pass")))
                .samples(
                        "audit-logging",
                        sample("s-log-1", "audit-logging", tested("i4", "ev-4", "pass")),
                        sample("s-log-2", "audit-logging", "2026-05-01", "2027-01-31", tested("i5", "ev-5", "pass")));
        given().auth()
                .oauth2(clean.token(Roles.AUDITOR))
                .queryParam("type", "type2")
                .queryParam("from", "2026-01-01")
                .queryParam("to", "2026-12-31")
                .get("/api/v1/reports/soc2")
                .then()
                .statusCode(200)
                .body("exceptions", equalTo(0))
                .body("criteriaNotTested", equalTo(0))
                .body("criteria.tested", contains(true, true))
                .body("criteria.conclusion", contains("unqualified", "unqualified"))
                .body("criteria[0].controls[0].uncovered", hasSize(0))
                .body("conclusion", equalTo("unqualified"))
                .body("conclusionRule", containsString("cover every day of the period"));

        // Samples of January to June only, for a year: nothing could be tested over the period, so no opinion.
        Fixture halfYear = soc2Tenant("soc2-half");
        halfYear.samples("mfa", sample("s-mfa", "mfa", tested("i1", "ev-1", "pass")))
                .samples("access-review", sample("s-ar", "access-review", tested("i3", "ev-3", "pass")))
                .samples("audit-logging", sample("s-log", "audit-logging", tested("i4", "ev-4", "pass")));
        given().auth()
                .oauth2(halfYear.token(Roles.AUDITOR))
                .queryParam("type", "type2")
                .queryParam("from", "2026-01-01")
                .queryParam("to", "2026-12-31")
                .get("/api/v1/reports/soc2")
                .then()
                .statusCode(200)
                .body("exceptions", equalTo(0))
                .body("criteriaNotTested", equalTo(2))
                .body("criteria.tested", contains(false, false))
                .body("criteria[0].notTestedReason", containsString("mfa, access-review"))
                .body("criteria[0].controls[0].uncovered[0].from", equalTo("2026-07-01"))
                .body("criteria[0].controls[0].uncovered[0].to", equalTo("2026-12-31"))
                .body("conclusion", equalTo("no-opinion"));

        // January to June only, but one mfa item failed: that finding settles CC6.1 (qualified) whatever the rest
        // of the year shows; CC7.2 stays not tested, and the report is qualified, not without opinion.
        Fixture halfWithException = soc2Tenant("soc2-half-exc");
        halfWithException
                .samples("mfa", sample("s-mfa", "mfa", tested("i1", "ev-1", "pass"), tested("i2", "ev-2", "exception")))
                .samples("access-review", sample("s-ar", "access-review", tested("i3", "ev-3", "pass")))
                .samples("audit-logging", sample("s-log", "audit-logging", tested("i4", "ev-4", "pass")));
        given().auth()
                .oauth2(halfWithException.token(Roles.AUDITOR))
                .queryParam("type", "type2")
                .queryParam("from", "2026-01-01")
                .queryParam("to", "2026-12-31")
                .get("/api/v1/reports/soc2")
                .then()
                .statusCode(200)
                .body("criteria.tested", contains(true, false))
                .body("criteria.conclusion", contains("qualified", "not-tested"))
                .body("criteria[0].exceptions[0].kind", equalTo("sample-exception"))
                .body("criteriaNotTested", equalTo(1))
                .body("conclusion", equalTo("qualified"));

        // CC6.1 covered all year, CC7.2 only in part (a hole in March): qualified, naming what was not tested.
        Fixture partial = soc2Tenant("soc2-partial");
        partial.samples("mfa", sample("s-mfa", "mfa", "2026-01-01", "2026-12-31", tested("i1", "ev-1", "pass")))
                .samples(
                        "access-review",
                        sample("s-ar", "access-review", "2026-01-01", "2026-12-31", tested("i3", "ev-3", "pass")))
                .samples(
                        "audit-logging",
                        sample("s-log-1", "audit-logging", "2026-01-01", "2026-02-28", tested("i4", "ev-4", "pass")),
                        sample("s-log-2", "audit-logging", "2026-04-01", "2026-12-31", tested("i5", "ev-5", "pass")));
        given().auth()
                .oauth2(partial.token(Roles.AUDITOR))
                .queryParam("type", "type2")
                .queryParam("from", "2026-01-01")
                .queryParam("to", "2026-12-31")
                .get("/api/v1/reports/soc2")
                .then()
                .statusCode(200)
                .body("criteria.tested", contains(true, false))
                .body("criteria[1].controls[0].uncovered.from", contains("2026-03-01"))
                .body("criteria[1].controls[0].uncovered.to", contains("2026-03-31"))
                .body("criteriaNotTested", equalTo(1))
                .body("conclusion", equalTo("qualified"))
                .body("conclusionBasis", containsString("1 of 2 criteria in scope could not be tested"));
    }

    @Test
    void untestedSampleItemsLeaveTypeTwoIncomplete() {
        Fixture pending = soc2Tenant("soc2-pending");
        pending.samples("mfa", sample("s-mfa", "mfa", tested("i1", "ev-1", "pass"), tested("i2", "ev-2", null)))
                .samples("access-review", sample("s-ar", "access-review", tested("i3", "ev-3", "pass")));
        given().auth()
                .oauth2(pending.token(Roles.AUDITOR))
                .queryParam("type", "type2")
                .queryParam("from", "2026-01-01")
                .queryParam("to", "2026-03-31")
                .get("/api/v1/reports/soc2")
                .then()
                .statusCode(200)
                .body("untested", equalTo(1))
                .body("criteria[1].tested", equalTo(false))
                .body("criteria[1].notTestedReason", containsString("audit-logging"))
                .body("conclusion", equalTo("incomplete"));
    }

    @Test
    void typeOneInspectsDesignAsOfTheDate() {
        Fixture f = soc2Tenant("soc2-type1");
        f.evidence("accepted", "mfa", 4, Fixture.evidenceItem("ev-m", "accepted", "mfa"))
                .evidence("accepted", "access-review", 1, Fixture.evidenceItem("ev-a", "accepted", "access-review"));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);

        given().auth()
                .oauth2(f.token(Roles.COMPLIANCE_MANAGER))
                .queryParam("type", "type1")
                .queryParam("asOf", today.toString())
                .get("/api/v1/reports/soc2")
                .then()
                .statusCode(200)
                .body("periodStart", equalTo(today.toString()))
                .body("limitations[0]", containsString("current"))
                .body("criteria[0].exceptions", hasSize(0))
                .body("criteria[0].controls[0].evidenceIds", contains("ev-m"))
                .body("criteria[0].controls[0].populationSize", equalTo(4))
                .body("criteria[1].exceptions[0].kind", equalTo("no-evidence"))
                .body("criteria[1].exceptions[0].controlId", equalTo("audit-logging"))
                .body("conclusion", equalTo("qualified"));
        assertTrue(UpstreamStub.calls(f.tenant).stream()
                .anyMatch(c -> c.path().endsWith("/evidence")
                        && (today.plusDays(1) + "T00:00:00Z").equals(c.query().get("to"))));
    }

    @Test
    void typeOneRefusesDatesItCannotShowTheDesignOf() {
        // The catalog keeps only today's implementation status: a report as of last month would show today's.
        Fixture f = soc2Tenant("soc2-type1-past");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (LocalDate asOf : List.of(today.minusDays(2), today.minusMonths(6), today.plusDays(2))) {
            given().auth()
                    .oauth2(f.token(Roles.AUDITOR))
                    .queryParam("type", "type1")
                    .queryParam("asOf", asOf.toString())
                    .get("/api/v1/reports/soc2")
                    .then()
                    .statusCode(422)
                    .body("errors[0].field", equalTo("asOf"))
                    .body("errors[0].message", containsString("keeps the current implementation status"));
        }
        assertTrue(UpstreamStub.calls(f.tenant).isEmpty(), "refused before any source is read");
        // Yesterday is within the tolerance of one day (a caller west of UTC may still be on that day).
        given().auth()
                .oauth2(f.token(Roles.AUDITOR))
                .queryParam("type", "type1")
                .queryParam("asOf", today.minusDays(1).toString())
                .get("/api/v1/reports/soc2")
                .then()
                .statusCode(200);
    }

    @Test
    void periodsOutsideThreeToTwelveMonthsAreRefused() {
        Fixture f = soc2Tenant("soc2-period");
        String token = f.token(Roles.AUDITOR);
        for (String[] period :
                new String[][] {{"2026-01-01", "2026-03-30"}, {"2026-01-01", "2027-01-01"}, {"2026-06-01", "2026-05-01"}
                }) {
            given().auth()
                    .oauth2(token)
                    .queryParam("type", "type2")
                    .queryParam("from", period[0])
                    .queryParam("to", period[1])
                    .get("/api/v1/reports/soc2")
                    .then()
                    .statusCode(422)
                    .body("errors[0].field", equalTo("to"));
        }
        given().auth()
                .oauth2(token)
                .queryParam("type", "type2")
                .queryParam("from", "2026-01-01")
                .get("/api/v1/reports/soc2")
                .then()
                .statusCode(422)
                .body("detail", containsString("to"));
        given().auth()
                .oauth2(token)
                .queryParam("type", "type2")
                .queryParam("from", "+999999999-01-01")
                .queryParam("to", "+999999999-06-30")
                .get("/api/v1/reports/soc2")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("from"));
        given().auth()
                .oauth2(token)
                .queryParam("type", "type3")
                .get("/api/v1/reports/soc2")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("type"));
        assertTrue(UpstreamStub.calls(f.tenant).isEmpty(), "refused before any source is read");
    }

    @Test
    void unknownSoc2FrameworkIs404() {
        Fixture f = Fixture.tenant("soc2-missing");
        given().auth()
                .oauth2(f.token(Roles.AUDITOR))
                .queryParam("type", "type1")
                .get("/api/v1/reports/soc2")
                .then()
                .statusCode(404);
    }

    @Test
    void tokenMatrix() {
        TokenMatrix.assertRefusals(
                token -> TokenMatrix.bearer(token).queryParam("type", "type1"),
                "GET",
                "/api/v1/reports/soc2",
                "matrix",
                Roles.AUDITOR,
                Roles.EVIDENCE_COLLECTOR);
    }
}
