package org.compliancesuite.reporting.dashboard;

import static io.restassured.RestAssured.given;
import static org.compliancesuite.reporting.Fixture.fresh;
import static org.compliancesuite.reporting.Fixture.item;
import static org.compliancesuite.reporting.Fixture.map;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.compliancesuite.common.security.Roles;
import org.compliancesuite.common.testing.TokenMatrix;
import org.compliancesuite.reporting.Fixture;
import org.compliancesuite.reporting.upstream.UpstreamStub;
import org.compliancesuite.reporting.upstream.UpstreamStubResource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(UpstreamStubResource.class)
public class DashboardTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    /**
     * fw-a: 4 applicable requirements, 3 covered (A-4 is implemented but its only control's evidence is stale), 1
     * excluded. fw-b: B-1 covered, B-2 partial. Overall 4 of 6.
     */
    public static Fixture standard(String prefix) {
        Fixture f = Fixture.tenant(prefix);
        f.frameworks(Fixture.framework("fw-a", "Framework A", 12), Fixture.framework("fw-b", "Framework B", null))
                .checklist(
                        "fw-a",
                        item("A-1", "implemented", "c-fresh"),
                        item("A-2", "implemented", "c-fresh2"),
                        item("A-3", "implemented", "c-fresh", "c-stale"),
                        item("A-4", "implemented", "c-stale"),
                        item("A-5", "not-applicable", "c-fresh"))
                .checklist("fw-b", item("B-1", "implemented", "c-fresh"), item("B-2", "partial", "c-fresh"))
                .audits(
                        "fw-a",
                        map("id", "au-2", "auditDate", TODAY.minusMonths(2).toString(), "auditType", "surveillance"),
                        map("id", "au-1", "auditDate", TODAY.minusMonths(14).toString(), "auditType", "certification"))
                .freshness(
                        fresh("c-fresh", "ev-1", true),
                        fresh("c-fresh2", "ev-2", true),
                        fresh("c-stale", "ev-3", false))
                .stale(2, Fixture.staleItem("ev-s1", "c-stale"), Fixture.staleItem("ev-s2", "c-stale"))
                .evidence("rejected", null, 3, Fixture.evidenceItem("ev-r1", "rejected", "c-fresh"))
                .monitors(
                        Fixture.monitor(
                                "identity",
                                "run-id",
                                false,
                                map(
                                        "accountsTotal",
                                        80,
                                        "mfaCoveragePercent",
                                        92.5,
                                        "inactiveAccounts",
                                        4,
                                        "privilegedWithoutMfa",
                                        1,
                                        "passwordPolicyCompliant",
                                        true),
                                map("code", "MFA_MISSING", "message", "6 accounts without MFA"),
                                map("code", "PRIV_NO_MFA", "message", "1 privileged account without MFA")),
                        Fixture.monitor(
                                "training",
                                "run-tr",
                                true,
                                map("assigned", 40, "completed", 35, "completionPercent", 87.5)),
                        Fixture.monitor("tls", "run-tls", true, map("endpointsChecked", 3, "endpointsFailing", 0)))
                .maturity(
                        Fixture.maturityOf(
                                "c-fresh",
                                2,
                                4,
                                Fixture.remediation(
                                        "rm-1",
                                        "done",
                                        TODAY.plusDays(10),
                                        Instant.now().minusSeconds(5 * 86_400)),
                                Fixture.remediation("rm-2", "open", TODAY.minusDays(3), null),
                                Fixture.remediation(
                                        "rm-3",
                                        "done",
                                        TODAY.minusDays(190),
                                        Instant.now().minusSeconds(200L * 86_400))),
                        Fixture.maturityOf("c-fresh2", 3, 3))
                .keys(
                        Fixture.key("phi", 90, Instant.now().minusSeconds(100L * 86_400)),
                        Fixture.key("evidence-checkpoint", 365, Instant.now().minusSeconds(10L * 86_400)));
        return f;
    }

    @Test
    void everyFigureFollowsFromTheRecords() {
        Fixture f = standard("dash");

        JsonPath body = given().auth()
                .oauth2(f.token(Roles.AUDITOR))
                .when()
                .get("/api/v1/dashboard")
                .then()
                .statusCode(200)
                .body("overall.score", equalTo(66.7f))
                .body("overall.status", equalTo("in-progress"))
                .body("overall.applicableRequirements", equalTo(6))
                .body("overall.coveredRequirements", equalTo(4))
                .body("frameworks.find { it.frameworkId == 'fw-a' }.score", equalTo(75.0f))
                .body("frameworks.find { it.frameworkId == 'fw-a' }.status", equalTo("in-progress"))
                .body("frameworks.find { it.frameworkId == 'fw-a' }.notApplicableRequirements", equalTo(1))
                .body("frameworks.find { it.frameworkId == 'fw-a' }.uncoveredRequirements", contains("A-4"))
                .body(
                        "frameworks.find { it.frameworkId == 'fw-a' }.evidenceIds",
                        containsInAnyOrder("ev-1", "ev-2", "ev-3"))
                .body(
                        "frameworks.find { it.frameworkId == 'fw-a' }.nextAudit.nextAuditDate",
                        equalTo(TODAY.minusMonths(2).plusMonths(12).toString()))
                .body("frameworks.find { it.frameworkId == 'fw-a' }.nextAudit.lastAuditId", equalTo("au-2"))
                .body("frameworks.find { it.frameworkId == 'fw-a' }.nextAudit.overdue", equalTo(false))
                .body("frameworks.find { it.frameworkId == 'fw-b' }.score", equalTo(50.0f))
                .body("frameworks.find { it.frameworkId == 'fw-b' }.uncoveredRequirements", contains("B-2"))
                .body("frameworks.find { it.frameworkId == 'fw-b' }.nextAudit.nextAuditDate", nullValue())
                .body("scoring.compliantMin", equalTo(90.0f))
                .body("scoring.inProgressMin", equalTo(50.0f))
                .body("scoring.formula", containsString("covered / applicable"))
                .body("openFindings.counts.failed-monitor", equalTo(2))
                .body("openFindings.counts.rejected-evidence", equalTo(3))
                .body("openFindings.counts.stale-evidence", equalTo(2))
                .body("openFindings.counts.open-gap", equalTo(1))
                .body("openFindings.counts.key-rotation-overdue", equalTo(1))
                .body("openFindings.total", equalTo(9))
                .body("openFindings.items.id", hasItem("run-id:MFA_MISSING"))
                .body("openFindings.items.id", hasItem("ev-r1"))
                .body("openFindings.items.id", hasItem("phi"))
                .body("staleEvidence.total", equalTo(2))
                .body("staleEvidence.items.id", contains("ev-s1", "ev-s2"))
                .body("remediation.totalItems", equalTo(2))
                .body("remediation.closedItems", equalTo(1))
                .body("remediation.ratePercent", equalTo(50.0f))
                .body("remediation.closedItemIds", contains("rm-1"))
                .body("remediation.openItemIds", contains("rm-2"))
                .body("training.completionPercent", equalTo(87.5f))
                .body("training.runId", equalTo("run-tr"))
                .body("monitors.identity.figures.mfaCoveragePercent", equalTo(92.5f))
                .body("monitors.identity.figures.inactiveAccounts", equalTo(4.0f))
                .body("monitors.identity.figures.privilegedWithoutMfa", equalTo(1.0f))
                .body("monitors.identity.evidenceId", equalTo("ev-run-id"))
                .body("monitors.tls.figures.endpointsFailing", equalTo(0.0f))
                .body("monitors.keyRotation", nullValue())
                .body("monitors.vaultKeys.keysChecked", equalTo(2))
                .body("monitors.vaultKeys.overdueKeys", contains("phi"))
                .body("sources", containsInAnyOrder("catalog-service", "evidence-service", "vault-service"))
                .extract()
                .jsonPath();

        DashboardSnapshot snapshot = snapshot(f.tenant, TODAY);
        assertEquals(new BigDecimal("66.7"), snapshot.overallScore);
        assertEquals("in-progress", snapshot.overallStatus);
        assertEquals(9, snapshot.openFindings);
        assertEquals("user-" + f.tenant, snapshot.computedBy);
        assertTrue(snapshot.frameworkScores.contains("\"fw-a\":75.0"));
        assertEquals(Instant.parse(body.getString("asOf")), snapshot.dataAsOf);
    }

    @Test
    void thresholdsDecideTheStatus() {
        Fixture f = Fixture.tenant("thresholds");
        f.frameworks(
                        Fixture.framework("full", "Full", 12),
                        Fixture.framework("low", "Low", 12),
                        Fixture.framework("none", "Nothing applicable", 12))
                .checklist("full", item("F-1", "implemented", "c1"))
                .checklist(
                        "low", item("L-1", "implemented", "c1"), item("L-2", "planned", "c1"), item("L-3", "partial"))
                .checklist("none", item("N-1", "not-applicable"))
                .freshness(fresh("c1", "ev-9", true));

        given().auth()
                .oauth2(f.token(Roles.COMPLIANCE_MANAGER))
                .get("/api/v1/dashboard")
                .then()
                .statusCode(200)
                .body("frameworks.find { it.frameworkId == 'full' }.status", equalTo("compliant"))
                .body("frameworks.find { it.frameworkId == 'low' }.score", equalTo(33.3f))
                .body("frameworks.find { it.frameworkId == 'low' }.status", equalTo("non-compliant"))
                .body("frameworks.find { it.frameworkId == 'none' }.score", nullValue())
                .body("frameworks.find { it.frameworkId == 'none' }.status", equalTo("not-assessed"))
                .body("overall.score", equalTo(50.0f))
                .body("remediation.ratePercent", nullValue())
                .body("training", nullValue());
    }

    @Test
    void recomputingOverwritesTodaysSnapshotAndTheTrendListsTheDays() {
        Fixture f = standard("trend");
        QuarkusTransaction.requiringNew().run(() -> {
            DashboardSnapshot yesterday = new DashboardSnapshot();
            yesterday.tenant = f.tenant;
            yesterday.snapshotDate = TODAY.minusDays(1);
            yesterday.overallScore = new BigDecimal("50.0");
            yesterday.overallStatus = "in-progress";
            yesterday.frameworkScores = "{\"fw-a\":50.0}";
            yesterday.openFindings = 12;
            yesterday.dataAsOf = Instant.now().minusSeconds(86_400);
            yesterday.computedAt = yesterday.dataAsOf;
            yesterday.computedBy = "someone";
            yesterday.persist();
        });

        given().auth()
                .oauth2(f.token(Roles.GRC_ADMIN))
                .get("/api/v1/dashboard")
                .then()
                .statusCode(200);
        Instant first = snapshot(f.tenant, TODAY).computedAt;
        given().auth()
                .oauth2(f.token(Roles.GRC_ADMIN))
                .get("/api/v1/dashboard")
                .then()
                .statusCode(200);
        Instant second = snapshot(f.tenant, TODAY).computedAt;
        assertNotEquals(first, second);
        long rows = QuarkusTransaction.requiringNew()
                .call(() -> DashboardSnapshot.count("tenant = ?1 and snapshotDate = ?2", f.tenant, TODAY));
        assertEquals(1, rows);

        given().auth()
                .oauth2(f.token(Roles.SECURITY_OFFICER))
                .get("/api/v1/dashboard/trend")
                .then()
                .statusCode(200)
                .body("total", equalTo(2))
                .body("items.date", contains(TODAY.minusDays(1).toString(), TODAY.toString()))
                .body("items.overallScore", contains(50.0f, 66.7f))
                .body("items[1].frameworks.fw-a", equalTo(75.0f))
                .body("items[1].openFindings", equalTo(9));

        Fixture other = standard("trend-other");
        given().auth()
                .oauth2(other.token(Roles.AUDITOR))
                .get("/api/v1/dashboard/trend")
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
    }

    @Test
    void upstreamAnswersAreCachedPerTenantAndCalledWithTheCallersToken() {
        Fixture f = standard("cache");
        String token = f.token(Roles.AUDITOR);

        String asOf1 = given().auth()
                .oauth2(token)
                .get("/api/v1/dashboard")
                .then()
                .statusCode(200)
                .extract()
                .path("asOf");
        String asOf2 = given().auth()
                .oauth2(token)
                .get("/api/v1/dashboard")
                .then()
                .statusCode(200)
                .extract()
                .path("asOf");

        assertEquals(asOf1, asOf2);
        assertEquals(1, UpstreamStub.callsTo(f.tenant, Fixture.CATALOG + "/frameworks"));
        assertEquals(1, UpstreamStub.callsTo(f.tenant, Fixture.VAULT + "/keys"));

        assertTrue(UpstreamStub.calls(f.tenant).stream().allMatch(c -> ("Bearer " + token).equals(c.authorization())));
        // Only the aggregate and first-page evidence calls: no call lists evidence beyond one page.
        assertTrue(UpstreamStub.calls(f.tenant).stream()
                .filter(c -> c.path().equals(Fixture.EVIDENCE + "/evidence"))
                .allMatch(c -> "0".equals(c.query().get("page"))));

        // Another caller of the tenant with other roles does not get answers fetched under the first caller's roles.
        given().auth()
                .oauth2(f.token(Roles.GRC_ADMIN))
                .get("/api/v1/dashboard")
                .then()
                .statusCode(200);
        assertEquals(2, UpstreamStub.callsTo(f.tenant, Fixture.CATALOG + "/frameworks"));
    }

    @Test
    void aFailingSourceFailsTheWholeDashboardNamingIt() {
        Fixture evidenceDown = standard("ev-500");
        UpstreamStub.fail(evidenceDown.tenant, Fixture.EVIDENCE + "/monitors/latest", 500);
        given().auth()
                .oauth2(evidenceDown.token(Roles.AUDITOR))
                .get("/api/v1/dashboard")
                .then()
                .statusCode(502)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("evidence-service"))
                .body("overall", nullValue());

        Fixture vaultDropped = standard("vault-drop");
        UpstreamStub.drop(vaultDropped.tenant, Fixture.VAULT + "/keys");
        given().auth()
                .oauth2(vaultDropped.token(Roles.AUDITOR))
                .get("/api/v1/dashboard")
                .then()
                .statusCode(503)
                .header("Retry-After", equalTo("10"))
                .body("detail", containsString("vault-service"));

        Fixture catalogSlow = standard("catalog-hang");
        UpstreamStub.hang(catalogSlow.tenant, Fixture.CATALOG + "/maturity");
        given().auth()
                .oauth2(catalogSlow.token(Roles.AUDITOR))
                .get("/api/v1/dashboard")
                .then()
                .statusCode(503)
                .body("detail", equalTo("catalog-service did not answer in time"));

        Fixture catalogUnavailable = standard("catalog-503");
        UpstreamStub.fail(catalogUnavailable.tenant, Fixture.CATALOG + "/frameworks", 503);
        given().auth()
                .oauth2(catalogUnavailable.token(Roles.AUDITOR))
                .get("/api/v1/dashboard")
                .then()
                .statusCode(503)
                .body("detail", containsString("catalog-service"));

        for (String tenant : List.of(evidenceDown.tenant, vaultDropped.tenant, catalogSlow.tenant)) {
            assertEquals(
                    0L,
                    QuarkusTransaction.requiringNew().call(() -> DashboardSnapshot.count("tenant", tenant)),
                    "no snapshot from a failed computation");
        }
    }

    @Test
    void aMalformedUpstreamAnswerIsABadGateway() {
        Fixture f = standard("malformed");
        UpstreamStub.json(f.tenant, Fixture.EVIDENCE + "/freshness/controls", map("not", "a list"));
        given().auth()
                .oauth2(f.token(Roles.AUDITOR))
                .get("/api/v1/dashboard")
                .then()
                .statusCode(502)
                .body("detail", containsString("evidence-service"));
    }

    @Test
    void badPeriodsAreRefused() {
        Fixture f = standard("period");
        given().auth()
                .oauth2(f.token(Roles.AUDITOR))
                .queryParam("from", "2026-06-01")
                .queryParam("to", "2026-05-01")
                .get("/api/v1/dashboard")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("to"));
        given().auth()
                .oauth2(f.token(Roles.AUDITOR))
                .queryParam("from", "June")
                .get("/api/v1/dashboard/trend")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("from"));
        given().auth()
                .oauth2(f.token(Roles.AUDITOR))
                .queryParam("size", 0)
                .get("/api/v1/dashboard/trend")
                .then()
                .statusCode(422);
    }

    @Test
    void tokenMatrix() {
        TokenMatrix.assertRefusals(
                TokenMatrix::bearer, "GET", "/api/v1/dashboard", "matrix", Roles.AUDITOR, Roles.EVIDENCE_COLLECTOR);
        TokenMatrix.assertRefusals(
                TokenMatrix::bearer, "GET", "/api/v1/dashboard/trend", "matrix", Roles.AUDITOR, Roles.PHI_READER);
    }

    @Test
    void eachTenantSeesOnlyItsOwnRecords() {
        Fixture a = standard("tenant-a");
        Fixture b = Fixture.tenant("tenant-b");
        b.frameworks(Fixture.framework("fw-b-only", "B only", 12))
                .checklist("fw-b-only", item("X-1", "planned", "c-x"));

        given().auth()
                .oauth2(b.token(Roles.AUDITOR))
                .get("/api/v1/dashboard")
                .then()
                .statusCode(200)
                .body("frameworks.frameworkId", contains("fw-b-only"))
                .body("overall.score", equalTo(0.0f))
                .body("openFindings.total", equalTo(0))
                .body("frameworks", hasSize(1));
        assertEquals(0, UpstreamStub.calls(a.tenant).size());
    }

    static DashboardSnapshot snapshot(String tenant, LocalDate day) {
        return QuarkusTransaction.requiringNew()
                .call(() -> DashboardSnapshot.<DashboardSnapshot>find("tenant = ?1 and snapshotDate = ?2", tenant, day)
                        .singleResult());
    }
}
