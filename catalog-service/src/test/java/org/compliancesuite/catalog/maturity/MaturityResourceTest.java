package org.compliancesuite.catalog.maturity;

import static org.compliancesuite.catalog.Api.as;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.compliancesuite.catalog.Api;
import org.compliancesuite.common.testing.TokenMatrix;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MaturityResourceTest {

    private static final Map<String, Object> FIRST = Map.of(
            "currentLevel",
            1,
            "targetLevel",
            3,
            "gaps",
            List.of("No hardware keys for administrators"),
            "remediation",
            List.of(Map.of("description", "Issue FIDO2 keys to admins", "owner", "it-ops", "dueDate", "2027-01-31")));

    @Test
    void keepsEveryAssessmentAndAnswersTheLatestPerControl() {
        String tenant = Api.newTenant();
        as(tenant, "compliance-manager")
                .body(FIRST)
                .post("/api/v1/controls/mfa/maturity")
                .then()
                .statusCode(201)
                .body("currentLevel", equalTo(1))
                .body("currentLevelName", equalTo("initial"))
                .body("targetLevelName", equalTo("managed"))
                .body("remediation[0].status", equalTo("open"))
                .body("assessedBy", equalTo("user-" + tenant));
        as(tenant, "grc-admin")
                .body(Map.of("currentLevel", 3, "targetLevel", 3))
                .post("/api/v1/controls/mfa/maturity")
                .then()
                .statusCode(201);
        as(tenant, "grc-admin")
                .body(Map.of("currentLevel", 0, "targetLevel", 2, "gaps", List.of("No backups of SaaS data")))
                .post("/api/v1/controls/backup/maturity")
                .then()
                .statusCode(201);

        as(tenant, "auditor")
                .when()
                .get("/api/v1/controls/mfa/maturity")
                .then()
                .statusCode(200)
                .body("total", equalTo(2))
                .body("items[0].currentLevel", equalTo(3))
                .body("items[1].currentLevel", equalTo(1))
                .body("items[1].gaps", hasItem("No hardware keys for administrators"));
        as(tenant, "auditor")
                .when()
                .get("/api/v1/maturity")
                .then()
                .statusCode(200)
                .body("$", hasSize(2))
                .body("find { it.controlId == 'mfa' }.currentLevel", equalTo(3))
                .body("find { it.controlId == 'mfa' }.remediation", hasSize(0))
                .body("find { it.controlId == 'backup' }.targetLevel", equalTo(2))
                .body("find { it.controlId == 'backup' }.assessedAt", notNullValue());
        assertThat(Api.db(() -> MaturityAssessment.count("tenant", tenant)), is(2L + 1L));

        as(Api.newTenant(), "auditor")
                .when()
                .get("/api/v1/maturity")
                .then()
                .statusCode(200)
                .body("$", hasSize(0));
    }

    @Test
    void levelsStayWithinZeroToFourAndAShortfallNamesItsGaps() {
        String tenant = Api.newTenant();
        as(tenant, "grc-admin")
                .body(Map.of("currentLevel", 5, "targetLevel", 4))
                .post("/api/v1/controls/mfa/maturity")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("currentLevel"));
        as(tenant, "grc-admin")
                .body(Map.of("currentLevel", 1, "targetLevel", 3))
                .post("/api/v1/controls/mfa/maturity")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("gaps"));
        as(tenant, "grc-admin")
                .body(Map.of(
                        "currentLevel",
                        2,
                        "targetLevel",
                        2,
                        "remediation",
                        List.of(Map.of("description", "x", "status", "closed"))))
                .post("/api/v1/controls/mfa/maturity")
                .then()
                .statusCode(422)
                .body("detail", org.hamcrest.Matchers.containsString("open, in-progress, done"));
        as(tenant, "grc-admin")
                .body(Map.of("currentLevel", 2, "targetLevel", 2))
                .post("/api/v1/controls/levitation/maturity")
                .then()
                .statusCode(404);
        assertThat(Api.db(() -> MaturityAssessment.count("tenant", tenant)), is(0L));
    }

    @Test
    void remediationItemsMoveAndOnlyTheirTenantSeesThem() {
        String tenant = Api.newTenant();
        String itemId = as(tenant, "grc-admin")
                .body(FIRST)
                .post("/api/v1/controls/mfa/maturity")
                .then()
                .statusCode(201)
                .extract()
                .path("remediation[0].id");
        String path = "/api/v1/maturity/remediation/" + itemId;

        as(Api.newTenant(), "grc-admin")
                .body(Map.of("status", "done"))
                .patch(path)
                .then()
                .statusCode(404);
        as(tenant, "auditor").body(Map.of("status", "done")).patch(path).then().statusCode(403);
        as(tenant, "grc-admin")
                .body(Map.of("status", "done"))
                .patch(path)
                .then()
                .statusCode(200)
                .body("status", equalTo("done"))
                .body("closedAt", notNullValue());
        RemediationItem stored = Api.db(() -> RemediationItem.findById(UUID.fromString(itemId)));
        assertThat(stored.status, is("done"));
        assertThat(stored.closedAt, notNullValue());

        as(tenant, "grc-admin")
                .body(Map.of("status", "in-progress", "owner", "sec-team"))
                .patch(path)
                .then()
                .statusCode(200)
                .body("closedAt", nullValue())
                .body("owner", equalTo("sec-team"));
        as(tenant, "auditor")
                .queryParam("entityType", "remediation-item")
                .when()
                .get("/api/v1/changes")
                .then()
                .statusCode(200)
                .body("total", equalTo(2))
                .body("items[0].detail.status", equalTo("in-progress"))
                .body("items[1].detail.previousStatus", equalTo("open"));
        as(tenant, "grc-admin")
                .body(Map.of("status", "done"))
                .patch("/api/v1/maturity/remediation/not-a-uuid")
                .then()
                .statusCode(404);
    }

    @Test
    void refusesBadTokens() {
        TokenMatrix.assertRefusals(
                token -> TokenMatrix.bearer(token).contentType(ContentType.JSON).body(FIRST),
                "POST",
                "/api/v1/controls/mfa/maturity",
                "acme",
                "compliance-manager",
                "auditor");
        TokenMatrix.assertRefusals(
                TokenMatrix::bearer, "GET", "/api/v1/maturity", "acme", "auditor", "evidence-collector");
    }
}
