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
import static org.hamcrest.Matchers.not;
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
     * excluded. fw-b: B-1 covered, B-2 partial. Overall 4 of 6. Evidence: c-fresh was rejected once and then accepted
     * (no finding); c-stale's latest item ev-r1 was rejected (a rejected-evidence finding); c-old, mapped to nothing,
     * has only accepted evidence past its freshness (a stale-evidence finding).
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
                        fresh("c-stale", "ev-3", false),
                        fresh("c-old", "ev-old", false, 3, 0, 0))
                .evidence(null, "c-stale", 5, Fixture.evidenceItem("ev-r1", "rejected", "c-stale"))
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
                .body("openFindings.counts.rejected-evidence", equalTo(1))
                .body("openFindings.counts.stale-evidence", equalTo(1))
                .body("openFindings.counts.open-gap", equalTo(1))
                .body("openFindings.counts.key-rotation-overdue", equalTo(1))
                .body("openFindings.total", equalTo(6))
                .body("openFindings.items.id", hasItem("run-id:MFA_MISSING"))
                .body("openFindings.items.find { it.id == 'run-id:MFA_MISSING' }.evidenceIds", contains("ev-run-id"))
                .body("openFindings.items.find { it.kind == 'rejected-evidence' }.id", equalTo("c-stale"))
                .body("openFindings.items.find { it.kind == 'rejected-evidence' }.evidenceIds", contains("ev-r1"))
                .body(
                        "openFindings.items.find { it.kind == 'rejected-evidence' }.record",
                        equalTo("evidence-service:/api/v1/evidence/ev-r1"))
                .body("openFindings.items.find { it.kind == 'stale-evidence' }.id", equalTo("c-old"))
                .body("openFindings.items.find { it.kind == 'stale-evidence' }.evidenceIds", contains("ev-old"))
                .body("openFindings.items.id", hasItem("phi"))
                .body("openFindings.definitions.stale-evidence", containsString("one per control"))
                .body("staleEvidence.total", equalTo(1))
                .body("staleEvidence.items.controlId", contains("c-old"))
                .body("staleEvidence.items[0].latestEvidenceId", equalTo("ev-old"))
                .body("staleEvidence.items[0].latestEvidenceState", equalTo("accepted"))
                .body("scope.explicit", equalTo(false))
                .body("scope.frameworks", contains("fw-a", "fw-b"))
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
        assertEquals(6, snapshot.openFindings);
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
                .body("items[1].openFindings", equalTo(6));

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
        String bToken = b.token(Roles.AUDITOR);

        // A reads first, so that A's answers are in the cache when B asks within the cache's lifetime.
        given().auth()
                .oauth2(a.token(Roles.AUDITOR))
                .get("/api/v1/dashboard")
                .then()
                .statusCode(200)
                .body("frameworks.frameworkId", contains("fw-a", "fw-b"));
        long callsOfA = UpstreamStub.calls(a.tenant).size();

        given().auth()
                .oauth2(bToken)
                .get("/api/v1/dashboard")
                .then()
                .statusCode(200)
                .body("frameworks.frameworkId", contains("fw-b-only"))
                .body("frameworks", hasSize(1))
                .body("overall.score", equalTo(0.0f))
                .body("monitors.identity", nullValue())
                .body("monitors.vaultKeys.keysChecked", equalTo(0))
                // c-x never had evidence and maps to B's applicable X-1: B's only finding.
                .body("openFindings.total", equalTo(1))
                .body("openFindings.items.id", contains("c-x"))
                .body("openFindings.items[0].record", equalTo("evidence-service:/api/v1/evidence?control=c-x"));

        assertEquals(callsOfA, UpstreamStub.calls(a.tenant).size(), "B's request made no call with A's token");
        List<UpstreamStub.Call> callsOfB = UpstreamStub.calls(b.tenant);
        assertEquals(1, UpstreamStub.callsTo(b.tenant, Fixture.CATALOG + "/frameworks"));
        assertEquals(1, UpstreamStub.callsTo(b.tenant, Fixture.EVIDENCE + "/freshness/controls"));
        assertEquals(1, UpstreamStub.callsTo(b.tenant, Fixture.VAULT + "/keys"));
        assertTrue(callsOfB.stream().allMatch(c -> ("Bearer " + bToken).equals(c.authorization())));
    }

    @Test
    void cachedFiguresOfOneTenantAreNeverServedToAnother() {
        // Two tenants whose sources answer the same calls with different figures, read one after the other within
        // the cache's lifetime (30 s): the second must get its own figures, fetched with its own token.
        Fixture a = standard("cache-a");
        Fixture b = standard("cache-b");
        b.freshness(fresh("c-fresh", "ev-b1", true), fresh("c-fresh2", "ev-b2", false), fresh("c-stale", "ev-b3", true))
                .monitors(Fixture.monitor("identity", "run-b", true, map("mfaCoveragePercent", 100.0)))
                .keys();
        String aToken = a.token(Roles.AUDITOR);
        String bToken = b.token(Roles.AUDITOR);

        given().auth()
                .oauth2(aToken)
                .get("/api/v1/dashboard")
                .then()
                .statusCode(200)
                .body("overall.score", equalTo(66.7f))
                .body("monitors.identity.figures.mfaCoveragePercent", equalTo(92.5f));
        given().auth()
                .oauth2(bToken)
                .get("/api/v1/dashboard")
                .then()
                .statusCode(200)
                .body("frameworks.find { it.frameworkId == 'fw-a' }.uncoveredRequirements", contains("A-2"))
                .body("frameworks.find { it.frameworkId == 'fw-a' }.evidenceIds", hasItem("ev-b1"))
                .body("monitors.identity.runId", equalTo("run-b"))
                .body("monitors.identity.figures.mfaCoveragePercent", equalTo(100.0f))
                .body("monitors.vaultKeys.keysChecked", equalTo(0));

        for (String path : List.of(
                Fixture.CATALOG + "/frameworks",
                Fixture.CATALOG + "/frameworks/fw-a/checklist",
                Fixture.EVIDENCE + "/freshness/controls",
                Fixture.EVIDENCE + "/monitors/latest",
                Fixture.VAULT + "/keys")) {
            assertEquals(1, UpstreamStub.callsTo(b.tenant, path), "B's own call to " + path);
        }
        assertTrue(UpstreamStub.calls(b.tenant).stream().allMatch(c -> ("Bearer " + bToken).equals(c.authorization())));
        assertTrue(UpstreamStub.calls(a.tenant).stream().allMatch(c -> ("Bearer " + aToken).equals(c.authorization())));
    }

    /** A control mapped to one implemented requirement of a framework of its own. */
    static Fixture evidenceTenant(String prefix, String... controls) {
        Fixture f = Fixture.tenant(prefix);
        f.frameworks(Fixture.framework("fw-e", "Evidence", 12))
                .checklist(
                        "fw-e",
                        item("E-1", "implemented", controls),
                        item("E-2", "not-applicable", "c-unmapped-never"));
        return f;
    }

    @Test
    void supersededAndResubmittedEvidenceIsNoFinding() {
        // c-monthly: eleven older monthly items past their window, the newest accepted and fresh. c-resubmitted:
        // rejected once, then accepted and fresh. Neither is a finding, however many older items there are.
        Fixture f = evidenceTenant("superseded", "c-monthly", "c-resubmitted");
        f.freshness(fresh("c-monthly", "ev-m12", true, 12, 0, 0), fresh("c-resubmitted", "ev-ok", true, 1, 1, 0))
                .evidence(null, "c-monthly", 12, Fixture.evidenceItem("ev-m12", "accepted", "c-monthly"))
                .evidence("rejected", null, 1, Fixture.evidenceItem("ev-no", "rejected", "c-resubmitted"));
        UpstreamStub.json(
                f.tenant,
                Fixture.EVIDENCE + "/freshness/stale",
                Fixture.page(11, Fixture.evidenceItem("ev-m01", "accepted", "c-monthly")));

        given().auth()
                .oauth2(f.token(Roles.AUDITOR))
                .get("/api/v1/dashboard")
                .then()
                .statusCode(200)
                .body("overall.score", equalTo(100.0f))
                .body("openFindings.counts.stale-evidence", equalTo(0))
                .body("openFindings.counts.rejected-evidence", equalTo(0))
                .body("openFindings.total", equalTo(0))
                .body("staleEvidence.total", equalTo(0));

        // Fresh controls need no evidence listing at all: no per-item call whatever their volume.
        assertEquals(0, UpstreamStub.callsTo(f.tenant, Fixture.EVIDENCE + "/evidence"));
        assertEquals(0, UpstreamStub.callsTo(f.tenant, Fixture.EVIDENCE + "/freshness/stale"));
    }

    @Test
    void controlsWithoutFreshEvidenceHaveOneFindingEachDecidedByTheirLatestEvidence() {
        Instant now = Instant.now();
        Fixture f = evidenceTenant(
                "latest", "c-expired", "c-rejected", "c-pending-new", "c-pending-old", "c-never", "c-fine");
        f.freshness(
                        // Only accepted items, the latest past its window: stale, no listing needed.
                        fresh("c-expired", "ev-exp", false, 40, 0, 0),
                        // Accepted long ago, the latest submission rejected.
                        fresh("c-rejected", "ev-acc", false, 2, 1, 0),
                        // Stale accepted evidence, but a new item awaits review within its monthly window.
                        fresh("c-pending-new", "ev-acc2", false, 1, 0, 1),
                        // Nothing accepted, one item awaiting review since January: past its window.
                        fresh("c-pending-old", null, false, 0, 0, 1),
                        fresh("c-fine", "ev-fine", true, 5, 2, 1),
                        // Evidence of a control no requirement in scope maps to still counts.
                        fresh("c-elsewhere", "ev-else", false, 0, 3, 0))
                .evidence(
                        null,
                        "c-rejected",
                        3,
                        Fixture.evidenceItem("ev-rej", "rejected", now.minusSeconds(86_400), "c-rejected"))
                .evidence(
                        null,
                        "c-pending-new",
                        2,
                        Fixture.evidenceItem("ev-new", "submitted", now.minusSeconds(3_600), "c-pending-new"))
                .evidence(
                        null,
                        "c-pending-old",
                        1,
                        Fixture.evidenceItem(
                                "ev-jan", "submitted", Instant.parse("2026-01-05T00:00:00Z"), "c-pending-old"))
                .evidence(null, "c-elsewhere", 3, Fixture.evidenceItem("ev-else-r", "rejected", "c-elsewhere"));

        given().auth()
                .oauth2(f.token(Roles.AUDITOR))
                .get("/api/v1/dashboard")
                .then()
                .statusCode(200)
                .body("openFindings.counts.stale-evidence", equalTo(3))
                .body("openFindings.counts.rejected-evidence", equalTo(2))
                .body(
                        "openFindings.items.findAll { it.kind == 'stale-evidence' }.id",
                        contains("c-expired", "c-never", "c-pending-old"))
                .body(
                        "openFindings.items.findAll { it.kind == 'rejected-evidence' }.id",
                        contains("c-elsewhere", "c-rejected"))
                .body("openFindings.items.find { it.id == 'c-expired' }.evidenceIds", contains("ev-exp"))
                .body("openFindings.items.find { it.id == 'c-expired' }.since", equalTo("2026-01-01T00:00:00Z"))
                .body("openFindings.items.find { it.id == 'c-rejected' }.evidenceIds", contains("ev-rej"))
                .body("openFindings.items.find { it.id == 'c-pending-old' }.title", containsString("awaits review"))
                .body("openFindings.items.find { it.id == 'c-pending-old' }.since", equalTo("2026-02-05T00:00:00Z"))
                .body("openFindings.items.find { it.id == 'c-never' }.evidenceIds", hasSize(0))
                .body("openFindings.items.id", not(hasItem("c-pending-new")))
                .body("openFindings.items.id", not(hasItem("c-unmapped-never")))
                .body("staleEvidence.items.controlId", contains("c-expired", "c-never", "c-pending-old"))
                .body("staleEvidence.items[1].latestEvidenceId", nullValue());

        // One one-item page per control whose latest item the summary cannot tell, and none for the others.
        List<String> listed = UpstreamStub.calls(f.tenant).stream()
                .filter(c -> c.path().equals(Fixture.EVIDENCE + "/evidence"))
                .peek(c -> assertEquals("1", c.query().get("size")))
                .map(c -> c.query().get("control"))
                .sorted()
                .toList();
        assertEquals(List.of("c-elsewhere", "c-pending-new", "c-pending-old", "c-rejected"), listed);
    }

    @Test
    void remediationRateFollowsItsStatedDefinition() {
        Instant recorded = Instant.parse("2026-09-15T10:00:00Z");
        Instant late = Instant.parse("2026-11-10T10:00:00Z");
        Fixture f = Fixture.tenant("remediation");
        f.maturity(
                Fixture.maturityOf(
                        "c-1",
                        1,
                        3,
                        recorded,
                        // due in the period, closed after it: not closed in the period
                        Fixture.remediation(
                                "due-in-closed-after",
                                "done",
                                LocalDate.parse("2026-10-20"),
                                Instant.parse("2026-11-05T12:00:00Z")),
                        // done without a closing time: shown apart, out of the rate
                        Fixture.remediation("done-unknown", "done", LocalDate.parse("2026-10-15"), null),
                        // open throughout the period, due after it
                        Fixture.remediation("open-due-later", "open", LocalDate.parse("2026-12-31"), null),
                        // due before the period, closed within it
                        Fixture.remediation(
                                "closed-in",
                                "done",
                                LocalDate.parse("2026-09-01"),
                                Instant.parse("2026-10-10T08:00:00Z")),
                        // closed before the period started, though due in it: not an item of the period
                        Fixture.remediation(
                                "closed-before",
                                "done",
                                LocalDate.parse("2026-10-25"),
                                Instant.parse("2026-09-20T08:00:00Z")),
                        // closed on the last day (UTC) of the period
                        Fixture.remediation(
                                "closed-last-day",
                                "done",
                                LocalDate.parse("2026-11-30"),
                                Instant.parse("2026-10-31T23:59:59Z"))),
                Fixture.maturityOf(
                        "c-2",
                        2,
                        3,
                        late,
                        // recorded after the period and due after it: not an item of the period
                        Fixture.remediation("recorded-after", "open", LocalDate.parse("2026-12-15"), null),
                        // recorded after the period but due in it
                        Fixture.remediation(
                                "recorded-after-due-in", "in-progress", LocalDate.parse("2026-10-30"), null)));

        given().auth()
                .oauth2(f.token(Roles.AUDITOR))
                .queryParam("from", "2026-10-01")
                .queryParam("to", "2026-10-31")
                .get("/api/v1/dashboard")
                .then()
                .statusCode(200)
                .body("remediation.from", equalTo("2026-10-01"))
                .body("remediation.to", equalTo("2026-10-31"))
                .body("remediation.closedItemIds", contains("closed-in", "closed-last-day"))
                .body(
                        "remediation.openItemIds",
                        contains("due-in-closed-after", "open-due-later", "recorded-after-due-in"))
                .body("remediation.closedAfterPeriodItemIds", contains("due-in-closed-after"))
                .body("remediation.closedAtUnknownItemIds", contains("done-unknown"))
                .body("remediation.closedAtUnknownItems", equalTo(1))
                .body("remediation.totalItems", equalTo(5))
                .body("remediation.closedItems", equalTo(2))
                .body("remediation.ratePercent", equalTo(40.0f))
                .body("remediation.definition", containsString("not closed before the period starts"))
                .body("remediation.definition", containsString("closed at an unknown time"));
    }

    @Test
    void theDefaultTrendHoldsTodayAfterMoreThanNinetyDaysOfSnapshots() {
        Fixture f = standard("trend-91");
        storeSnapshots(f.tenant, 1, 95);
        given().auth()
                .oauth2(f.token(Roles.AUDITOR))
                .get("/api/v1/dashboard")
                .then()
                .statusCode(200);

        // Without parameters: today and the 90 days before, all on the one default page.
        given().auth()
                .oauth2(f.token(Roles.AUDITOR))
                .get("/api/v1/dashboard/trend")
                .then()
                .statusCode(200)
                .body("from", equalTo(TODAY.minusDays(90).toString()))
                .body("to", equalTo(TODAY.toString()))
                .body("total", equalTo(91))
                .body("items", hasSize(91))
                .body("items[0].date", equalTo(TODAY.minusDays(90).toString()))
                .body("items[90].date", equalTo(TODAY.toString()))
                .body("items[90].overallScore", equalTo(66.7f))
                .body("daysWithoutSnapshot", equalTo(0))
                .body("gaps", hasSize(0));
        // As the page asks: the window and a page that fits it.
        given().auth()
                .oauth2(f.token(Roles.AUDITOR))
                .queryParam("from", TODAY.minusDays(90).toString())
                .queryParam("to", TODAY.toString())
                .queryParam("size", 91)
                .get("/api/v1/dashboard/trend")
                .then()
                .statusCode(200)
                .body("items", hasSize(91))
                .body("items[90].date", equalTo(TODAY.toString()));
    }

    @Test
    void theTrendNamesTheDaysWithoutASnapshotAndFillsNoneIn() {
        Fixture f = standard("trend-gaps");
        storeSnapshots(f.tenant, 1, 20);
        QuarkusTransaction.requiringNew()
                .run(() -> DashboardSnapshot.delete(
                        "tenant = ?1 and snapshotDate in ?2",
                        f.tenant,
                        List.of(TODAY.minusDays(10), TODAY.minusDays(11), TODAY.minusDays(3))));

        given().auth()
                .oauth2(f.token(Roles.AUDITOR))
                .queryParam("from", TODAY.minusDays(25).toString())
                .queryParam("to", TODAY.plusDays(5).toString())
                .get("/api/v1/dashboard/trend")
                .then()
                .statusCode(200)
                .body("total", equalTo(17))
                .body("items.date", not(hasItem(TODAY.minusDays(10).toString())))
                .body(
                        "gaps.from",
                        contains(
                                TODAY.minusDays(25).toString(),
                                TODAY.minusDays(11).toString(),
                                TODAY.minusDays(3).toString(),
                                TODAY.toString()))
                .body(
                        "gaps.to",
                        contains(
                                TODAY.minusDays(21).toString(),
                                TODAY.minusDays(10).toString(),
                                TODAY.minusDays(3).toString(),
                                TODAY.toString()))
                .body("gaps.days", contains(5, 2, 1, 1))
                .body("daysWithoutSnapshot", equalTo(9))
                .body("snapshotRule", containsString("never filled in"));
    }

    /** Stores a snapshot for each day from {@code fromDaysAgo} to {@code toDaysAgo} before today. */
    public static void storeSnapshots(String tenant, int fromDaysAgo, int toDaysAgo) {
        QuarkusTransaction.requiringNew().run(() -> {
            for (int daysAgo = fromDaysAgo; daysAgo <= toDaysAgo; daysAgo++) {
                DashboardSnapshot s = new DashboardSnapshot();
                s.tenant = tenant;
                s.snapshotDate = TODAY.minusDays(daysAgo);
                s.overallScore = BigDecimal.valueOf(50);
                s.overallStatus = "in-progress";
                s.frameworkScores = "{}";
                s.openFindings = 1;
                s.dataAsOf = Instant.now().minusSeconds(86_400L * daysAgo);
                s.computedAt = s.dataAsOf;
                s.computedBy = "earlier";
                s.persist();
            }
        });
    }

    static DashboardSnapshot snapshot(String tenant, LocalDate day) {
        return QuarkusTransaction.requiringNew()
                .call(() -> DashboardSnapshot.<DashboardSnapshot>find("tenant = ?1 and snapshotDate = ?2", tenant, day)
                        .singleResult());
    }
}
