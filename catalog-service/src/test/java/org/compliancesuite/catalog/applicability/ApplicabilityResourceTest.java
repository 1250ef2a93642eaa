package org.compliancesuite.catalog.applicability;

import static org.compliancesuite.catalog.Api.as;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.compliancesuite.catalog.Api;
import org.compliancesuite.catalog.change.ChangeRecord;
import org.compliancesuite.common.testing.TokenMatrix;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ApplicabilityResourceTest {

    private static final String A_8_5 = "/api/v1/frameworks/iso27001-2022/requirements/A.8.5/applicability";

    @Test
    void storesADecisionAndRecordsWhoMadeIt() {
        String tenant = Api.newTenant();
        as(tenant, "auditor")
                .when()
                .get(A_8_5)
                .then()
                .statusCode(200)
                .body("applicable", equalTo(true))
                .body("status", equalTo("not-started"))
                .body("updatedBy", nullValue());

        as(tenant, "compliance-manager")
                .body(Map.of("applicable", true, "status", "partial", "owner", "it-ops", "targetDate", "2027-03-31"))
                .put(A_8_5)
                .then()
                .statusCode(200)
                .body("status", equalTo("partial"))
                .body("owner", equalTo("it-ops"))
                .body("targetDate", equalTo("2027-03-31"))
                .body("updatedBy", equalTo("user-" + tenant));

        Applicability stored =
                Api.db(() -> Applicability.<Applicability>find("tenant", tenant).singleResult());
        assertThat(stored.status, is("partial"));
        assertThat(stored.owner, is("it-ops"));
        assertThat(stored.updatedBy, is("user-" + tenant));
        List<ChangeRecord> changes = Api.db(() -> ChangeRecord.<ChangeRecord>list("tenant", tenant));
        assertThat(changes.size(), is(1));
        assertThat(changes.getFirst().entityId, is("iso27001-2022:A.8.5"));
        assertThat(changes.getFirst().changedBy, is("user-" + tenant));

        // Another tenant still sees the default.
        as(Api.newTenant(), "auditor").when().get(A_8_5).then().statusCode(200).body("status", equalTo("not-started"));
    }

    @Test
    void changeRecordsHoldTheDecisionBeforeAndAfterForAuditors() {
        String tenant = Api.newTenant();
        as(tenant, "compliance-manager")
                .body(Map.of("applicable", true, "status", "planned", "owner", "it-ops", "targetDate", "2027-01-31"))
                .put(A_8_5)
                .then()
                .statusCode(200);
        as(tenant, "grc-admin")
                .body(Map.of("applicable", false, "justification", "No authentication of our own"))
                .put(A_8_5)
                .then()
                .statusCode(200);
        as(tenant, "grc-admin")
                .body(Map.of("items", List.of(Map.of("code", "A.8.5", "applicable", true, "status", "partial"))))
                .put("/api/v1/frameworks/iso27001-2022/applicability")
                .then()
                .statusCode(200);

        as(tenant, "auditor")
                .queryParam("entityType", "applicability")
                .queryParam("entityId", "iso27001-2022:A.8.5")
                .when()
                .get("/api/v1/changes")
                .then()
                .statusCode(200)
                .body("total", equalTo(3))
                .body("items.action", contains("updated", "updated", "created"))
                .body("items.changedBy", everyItem(equalTo("user-" + tenant)))
                .body("items.changedAt", everyItem(notNullValue()))
                .body("items[2].detail.before", nullValue())
                .body("items[2].detail.after.status", equalTo("planned"))
                .body("items[2].detail.after.owner", equalTo("it-ops"))
                .body("items[1].detail.before.status", equalTo("planned"))
                .body("items[1].detail.before.owner", equalTo("it-ops"))
                .body("items[1].detail.before.targetDate", equalTo("2027-01-31"))
                .body("items[1].detail.before.decidedBy", equalTo("user-" + tenant))
                .body("items[1].detail.after.applicable", equalTo(false))
                .body("items[1].detail.after.status", equalTo("not-applicable"))
                .body("items[1].detail.after.justification", equalTo("No authentication of our own"))
                .body("items[1].detail.after.owner", nullValue())
                .body("items[0].detail.before.applicable", equalTo(false))
                .body("items[0].detail.before.justification", equalTo("No authentication of our own"))
                .body("items[0].detail.after.status", equalTo("partial"));
    }

    @Test
    void anExclusionNeedsAJustificationAndMatchingStatus() {
        String tenant = Api.newTenant();
        as(tenant, "grc-admin")
                .body(Map.of("applicable", false))
                .put(A_8_5)
                .then()
                .statusCode(422)
                .contentType(containsString("application/problem+json"))
                .body("errors.field", hasItem("justification"));
        as(tenant, "grc-admin")
                .body(Map.of("applicable", false, "justification", "No systems", "status", "implemented"))
                .put(A_8_5)
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("status"));
        as(tenant, "grc-admin")
                .body(Map.of("applicable", true, "status", "not-applicable"))
                .put(A_8_5)
                .then()
                .statusCode(422);
        assertThat(Api.db(() -> Applicability.count("tenant", tenant)), is(0L));

        as(tenant, "grc-admin")
                .body(Map.of("applicable", false, "justification", "  No cardholder data on site  "))
                .put("/api/v1/frameworks/pci-dss-4.0.1/requirements/9.5/applicability")
                .then()
                .statusCode(200)
                .body("status", equalTo("not-applicable"))
                .body("justification", equalTo("No cardholder data on site"));
    }

    @Test
    void refusesUnknownStatusValuesNamingTheAllowedOnes() {
        as(Api.newTenant(), "grc-admin")
                .body(Map.of("applicable", true, "status", "done"))
                .put(A_8_5)
                .then()
                .statusCode(422)
                .body("detail", containsString("not-started, planned, partial, implemented, not-applicable"));
    }

    @Test
    void refusesGroupingRequirementsAndUnknownOnes() {
        String tenant = Api.newTenant();
        as(tenant, "grc-admin")
                .body(Map.of("applicable", true))
                .put("/api/v1/frameworks/iso27001-2022/requirements/A.8/applicability")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("code"));
        as(tenant, "grc-admin")
                .body(Map.of("applicable", true))
                .put("/api/v1/frameworks/iso27001-2022/requirements/A.12.1/applicability")
                .then()
                .statusCode(404);
        as(tenant, "grc-admin")
                .body(Map.of("applicable", true, "colour", "red"))
                .put(A_8_5)
                .then()
                .statusCode(400);
    }

    @Test
    void bulkUpdateIsAllOrNothing() {
        String tenant = Api.newTenant();
        String path = "/api/v1/frameworks/soc2-2017/applicability";
        as(tenant, "grc-admin")
                .body(Map.of(
                        "items",
                        List.of(
                                Map.of("code", "CC6.1", "applicable", true, "status", "implemented"),
                                Map.of("code", "P1.1", "applicable", false),
                                Map.of("code", "CC99.9", "applicable", true))))
                .put(path)
                .then()
                .statusCode(422)
                .body("errors.field", hasItems("items[1].justification", "items[2].code"));
        assertThat(Api.db(() -> Applicability.count("tenant", tenant)), is(0L));

        as(tenant, "grc-admin")
                .body(Map.of(
                        "items",
                        List.of(
                                Map.of("code", "CC6.1", "applicable", true),
                                Map.of("code", "CC6.1", "applicable", true, "status", "planned"))))
                .put(path)
                .then()
                .statusCode(409);

        as(tenant, "grc-admin")
                .body(Map.of(
                        "items",
                        List.of(
                                Map.of("code", "CC6.1", "applicable", true, "status", "implemented", "owner", "sec"),
                                Map.of("code", "P1.1", "applicable", false, "justification", "No personal data"))))
                .put(path)
                .then()
                .statusCode(200)
                .body("updated", equalTo(2));
        assertThat(Api.db(() -> Applicability.count("tenant", tenant)), is(2L));

        as(tenant, "auditor")
                .when()
                .get(path)
                .then()
                .statusCode(200)
                .body("total", equalTo(2))
                .body("items.code", contains("CC6.1", "P1.1"))
                .body("items[1].justification", equalTo("No personal data"));
        as(tenant, "auditor")
                .when()
                .get("/api/v1/frameworks/soc2-2017/checklist")
                .then()
                .statusCode(200)
                .body("frameworkId", equalTo("soc2-2017"))
                .body("items.size()", equalTo(61))
                .body("items.find { it.code == 'CC6.1' }.status", equalTo("implemented"))
                .body("items.find { it.code == 'CC6.1' }.owner", equalTo("sec"))
                .body("items.find { it.code == 'CC6.1' }.group", equalTo("Security (common criteria)"))
                .body("items.find { it.code == 'CC6.1' }.controlIds", hasItems("mfa", "encryption-at-rest"))
                .body("items.find { it.code == 'P1.1' }.applicable", equalTo(false))
                .body("items.find { it.code == 'P1.1' }.status", equalTo("not-applicable"))
                .body("items.find { it.code == 'P1.1' }.justification", equalTo("No personal data"))
                .body("items.find { it.code == 'CC1.1' }.status", equalTo("not-started"))
                .body("items.code", not(hasItem("CC6")));
    }

    @Test
    void checklistOfEachFrameworkListsItsAssessableRequirements() {
        String tenant = Api.newTenant();
        as(tenant, "auditor")
                .when()
                .get("/api/v1/frameworks/iso27001-2022/checklist")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(123))
                .body("items.find { it.code == 'A.5.1' }.group", equalTo("Organisational controls"))
                .body(
                        "items.find { it.code == 'A.8.24' }.controlIds",
                        hasItems("encryption-at-rest", "tls", "key-management"));
        as(tenant, "auditor")
                .when()
                .get("/api/v1/frameworks/hipaa-security/checklist")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(65))
                .body("items.find { it.code == '164.312(b)' }.group", equalTo("Technical safeguards"));
        as(tenant, "auditor")
                .when()
                .get("/api/v1/frameworks/pci-dss-4.0.1/checklist")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(92));
        as(tenant, "auditor")
                .when()
                .get("/api/v1/frameworks/unknown/checklist")
                .then()
                .statusCode(404);
    }

    @Test
    void decisionsOnACustomFrameworkStayWithItsTenantAndStopWhenItIsRetired() {
        String tenant = Api.newTenant();
        String id = as(tenant, "grc-admin")
                .body(Map.of(
                        "name",
                        "Board policy",
                        "version",
                        "1",
                        "requirements",
                        List.of(Map.of("code", "BP-1", "title", "t"))))
                .post("/api/v1/frameworks")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String path = "/api/v1/frameworks/" + id + "/requirements/BP-1/applicability";
        as(Api.newTenant(), "grc-admin")
                .body(Map.of("applicable", true))
                .put(path)
                .then()
                .statusCode(404);
        as(tenant, "grc-admin")
                .body(Map.of("applicable", true))
                .put(path)
                .then()
                .statusCode(200);
        as(tenant, "grc-admin")
                .post("/api/v1/frameworks/" + id + "/retire")
                .then()
                .statusCode(200);
        as(tenant, "grc-admin")
                .body(Map.of("applicable", true, "status", "implemented"))
                .put(path)
                .then()
                .statusCode(409);
        assertThat(
                Api.db(() -> Applicability.<Applicability>find("tenant", tenant).singleResult().status),
                is("not-started"));
    }

    @Test
    void auditorsReadButDoNotWrite() {
        as(Api.newTenant(), "auditor")
                .body(Map.of("applicable", true))
                .put(A_8_5)
                .then()
                .statusCode(403);
        TokenMatrix.assertRefusals(
                token -> TokenMatrix.bearer(token).contentType(ContentType.JSON).body(Map.of("applicable", true)),
                "PUT",
                A_8_5,
                "acme",
                "compliance-manager",
                "auditor");
        TokenMatrix.assertRefusals(
                TokenMatrix::bearer,
                "GET",
                "/api/v1/frameworks/iso27001-2022/checklist",
                "acme",
                "auditor",
                "evidence-collector");
    }
}
