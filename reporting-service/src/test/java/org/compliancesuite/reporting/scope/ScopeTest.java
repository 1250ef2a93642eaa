package org.compliancesuite.reporting.scope;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.compliancesuite.common.security.Roles;
import org.compliancesuite.common.testing.TokenMatrix;
import org.compliancesuite.reporting.Fixture;
import org.compliancesuite.reporting.dashboard.DashboardTest;
import org.compliancesuite.reporting.upstream.UpstreamStub;
import org.compliancesuite.reporting.upstream.UpstreamStubResource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(UpstreamStubResource.class)
class ScopeTest {

    static final String PATH = "/api/v1/dashboard/scope";

    static void put(Fixture f, String role, List<String> frameworks, int status) {
        given().auth()
                .oauth2(f.token(role))
                .contentType(ContentType.JSON)
                .body(Map.of("frameworks", frameworks))
                .put(PATH)
                .then()
                .statusCode(status);
    }

    @Test
    void withoutAScopeEveryFrameworkCountsAndTheAnswerSaysSo() {
        Fixture f = DashboardTest.standard("scope-none");
        given().auth()
                .oauth2(f.token(Roles.AUDITOR))
                .get(PATH)
                .then()
                .statusCode(200)
                .body("explicit", equalTo(false))
                .body("frameworks", contains("fw-a", "fw-b"))
                .body("updatedAt", nullValue())
                .body("rule", containsString("every framework"));
        given().auth()
                .oauth2(f.token(Roles.AUDITOR))
                .get("/api/v1/dashboard")
                .then()
                .statusCode(200)
                .body("scope.explicit", equalTo(false))
                .body("overall.score", equalTo(66.7f));
    }

    @Test
    void aChosenScopeDecidesTheOverallScoreAndTheFrameworksShown() {
        // fw-a scores 75 (3 of 4), fw-b 50 (1 of 2): together 66.7; a tenant pursuing only fw-a reads 75.
        Fixture f = DashboardTest.standard("scope-set");
        put(f, Roles.COMPLIANCE_MANAGER, List.of("fw-a", "fw-a"), 200);

        given().auth()
                .oauth2(f.token(Roles.SECURITY_OFFICER))
                .get(PATH)
                .then()
                .statusCode(200)
                .body("explicit", equalTo(true))
                .body("frameworks", contains("fw-a"))
                .body("updatedBy", equalTo("user-" + f.tenant))
                .body("updatedAt", notNullValue());
        given().auth()
                .oauth2(f.token(Roles.AUDITOR))
                .get("/api/v1/dashboard")
                .then()
                .statusCode(200)
                .body("scope.explicit", equalTo(true))
                .body("scope.frameworks", contains("fw-a"))
                .body("frameworks.frameworkId", contains("fw-a"))
                .body("overall.score", equalTo(75.0f))
                .body("overall.applicableRequirements", equalTo(4))
                .body("overall.coveredRequirements", equalTo(3));

        FrameworkScope stored = QuarkusTransaction.requiringNew().call(() -> FrameworkScope.findById(f.tenant));
        assertArrayEquals(new String[] {"fw-a"}, stored.frameworkIds);
        assertEquals("user-" + f.tenant, stored.updatedBy);

        // A framework chosen earlier that the catalog no longer lists counts for nothing and is named.
        put(f, Roles.GRC_ADMIN, List.of("fw-b", "fw-a"), 200);
        UpstreamStub.json(f.tenant, Fixture.CATALOG + "/frameworks", List.of(Fixture.framework("fw-a", "A", 12)));
        // Roles not used before in this test, so the catalog is read again rather than from the cache.
        given().auth()
                .oauth2(f.token(Roles.AUDITOR, Roles.SECURITY_OFFICER))
                .get("/api/v1/dashboard")
                .then()
                .statusCode(200)
                .body("scope.frameworks", contains("fw-b", "fw-a"))
                .body("scope.notInCatalog", contains("fw-b"))
                .body("frameworks.frameworkId", contains("fw-a"))
                .body("overall.score", equalTo(75.0f));
    }

    @Test
    void everyChangeIsRecordedWithWhoAndWhenAndClearingCountsAllAgain() {
        Fixture f = DashboardTest.standard("scope-audit");
        put(f, Roles.COMPLIANCE_MANAGER, List.of("fw-b"), 200);
        put(f, Roles.GRC_ADMIN, List.of("fw-a", "fw-b"), 200);
        given().auth()
                .oauth2(f.token(Roles.COMPLIANCE_MANAGER))
                .delete(PATH)
                .then()
                .statusCode(200)
                .body("explicit", equalTo(false))
                .body("frameworks", contains("fw-a", "fw-b"));

        given().auth()
                .oauth2(f.token(Roles.AUDITOR))
                .get(PATH + "/changes")
                .then()
                .statusCode(200)
                .body("total", equalTo(3))
                .body("items[0].frameworks", hasSize(0))
                .body("items[0].previous", contains("fw-a", "fw-b"))
                .body("items[1].frameworks", contains("fw-a", "fw-b"))
                .body("items[1].previous", contains("fw-b"))
                .body("items[2].frameworks", contains("fw-b"))
                .body("items[2].previous", hasSize(0))
                .body("items[2].changedBy", equalTo("user-" + f.tenant))
                .body("items[2].changedAt", notNullValue());
        assertEquals(3L, QuarkusTransaction.requiringNew().call(() -> FrameworkScopeChange.count("tenant", f.tenant)));

        // Another tenant sees neither the scope nor its changes.
        Fixture other = DashboardTest.standard("scope-other");
        given().auth()
                .oauth2(other.token(Roles.AUDITOR))
                .get(PATH + "/changes")
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
        put(f, Roles.COMPLIANCE_MANAGER, List.of("fw-b"), 200);
        given().auth()
                .oauth2(other.token(Roles.AUDITOR))
                .get(PATH)
                .then()
                .statusCode(200)
                .body("explicit", equalTo(false));
    }

    @Test
    void unknownFrameworksAndEmptyScopesAreRefused() {
        Fixture f = DashboardTest.standard("scope-bad");
        given().auth()
                .oauth2(f.token(Roles.COMPLIANCE_MANAGER))
                .contentType(ContentType.JSON)
                .body(Map.of("frameworks", List.of("fw-a", "pci-dss-3.2", "hipaa-security")))
                .put(PATH)
                .then()
                .statusCode(422)
                .body("errors.field", contains("frameworks[1]", "frameworks[2]"));
        given().auth()
                .oauth2(f.token(Roles.COMPLIANCE_MANAGER))
                .contentType(ContentType.JSON)
                .body(Map.of("frameworks", List.of()))
                .put(PATH)
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("frameworks"));
        given().auth()
                .oauth2(f.token(Roles.COMPLIANCE_MANAGER))
                .contentType(ContentType.JSON)
                .body(Map.of("frameworks", List.of(" ")))
                .put(PATH)
                .then()
                .statusCode(422);
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> FrameworkScopeChange.count("tenant", f.tenant)));
        assertEquals(null, QuarkusTransaction.requiringNew().call(() -> FrameworkScope.findById(f.tenant)));
    }

    @Test
    void tokenMatrix() {
        Fixture f = DashboardTest.standard("matrix");
        TokenMatrix.assertRefusals(TokenMatrix::bearer, "GET", PATH, f.tenant, Roles.AUDITOR, Roles.EVIDENCE_COLLECTOR);
        TokenMatrix.assertRefusals(
                token -> TokenMatrix.bearer(token)
                        .contentType(ContentType.JSON)
                        .body(Map.of("frameworks", List.of("fw-a"))),
                "PUT",
                PATH,
                f.tenant,
                Roles.COMPLIANCE_MANAGER,
                Roles.AUDITOR);
        TokenMatrix.assertRefusals(
                TokenMatrix::bearer, "DELETE", PATH, f.tenant, Roles.GRC_ADMIN, Roles.SECURITY_OFFICER);
        TokenMatrix.assertRefusals(
                TokenMatrix::bearer, "GET", PATH + "/changes", f.tenant, Roles.AUDITOR, Roles.PHI_READER);
    }
}
