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

    static Map<String, Object> sample(String id, String control, Map<String, Object>... items) {
        return map(
                "id",
                id,
                "controlId",
                control,
                "periodStart",
                "2026-01-01",
                "periodEnd",
                "2026-06-30",
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
    void typeTwoWithoutExceptionsIsUnqualifiedAndUntestedItemsLeaveItIncomplete() {
        Fixture clean = soc2Tenant("soc2-clean");
        clean.samples("mfa", sample("s-mfa", "mfa", tested("i1", "ev-1", "pass")))
                .samples("access-review", sample("s-ar", "access-review", tested("i3", "ev-3", "pass")))
                .samples("audit-logging", sample("s-log", "audit-logging", tested("i4", "ev-4", "pass")));
        given().auth()
                .oauth2(clean.token(Roles.AUDITOR))
                .queryParam("type", "type2")
                .queryParam("from", "2026-01-01")
                .queryParam("to", "2026-12-31")
                .get("/api/v1/reports/soc2")
                .then()
                .statusCode(200)
                .body("exceptions", equalTo(0))
                .body("conclusion", equalTo("unqualified"));

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
                .body("untested", equalTo(2))
                .body("conclusion", equalTo("incomplete"));
    }

    @Test
    void typeOneInspectsDesignAsOfTheDate() {
        Fixture f = soc2Tenant("soc2-type1");
        f.evidence("accepted", "mfa", 4, Fixture.evidenceItem("ev-m", "accepted", "mfa"))
                .evidence("accepted", "access-review", 1, Fixture.evidenceItem("ev-a", "accepted", "access-review"));

        given().auth()
                .oauth2(f.token(Roles.COMPLIANCE_MANAGER))
                .queryParam("type", "type1")
                .queryParam("asOf", "2026-11-30")
                .get("/api/v1/reports/soc2")
                .then()
                .statusCode(200)
                .body("periodStart", equalTo("2026-11-30"))
                .body("criteria[0].exceptions", hasSize(0))
                .body("criteria[0].controls[0].evidenceIds", contains("ev-m"))
                .body("criteria[0].controls[0].populationSize", equalTo(4))
                .body("criteria[1].exceptions[0].kind", equalTo("no-evidence"))
                .body("criteria[1].exceptions[0].controlId", equalTo("audit-logging"))
                .body("conclusion", equalTo("qualified"));
        assertTrue(UpstreamStub.calls(f.tenant).stream()
                .anyMatch(c -> c.path().endsWith("/evidence")
                        && "2026-12-01T00:00:00Z".equals(c.query().get("to"))));
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
