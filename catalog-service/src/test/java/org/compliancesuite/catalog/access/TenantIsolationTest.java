package org.compliancesuite.catalog.access;

import static org.compliancesuite.catalog.Api.as;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.compliancesuite.catalog.Api;
import org.compliancesuite.catalog.applicability.Applicability;
import org.compliancesuite.catalog.control.ControlMapping;
import org.compliancesuite.catalog.framework.Framework;
import org.compliancesuite.catalog.framework.Requirement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Another tenant's records answer exactly as missing ones do (404), and lists and searches never show them. Each
 * test sets up a custom framework, a decision and an assessment of the owner, then acts as a second tenant.
 */
@QuarkusTest
class TenantIsolationTest {

    private static final String SECRET_TITLE = "Zebra-striped vault procedure";

    private String owner;
    private String other;
    private String framework;

    @BeforeEach
    void ownerHasACustomFrameworkADecisionAndAnAssessment() {
        owner = Api.newTenant();
        other = Api.newTenant();
        framework = as(owner, "grc-admin")
                .body(Map.of(
                        "name",
                        "Owner's own baseline",
                        "version",
                        "1",
                        "requirements",
                        List.of(
                                Map.of("code", "OWN", "title", "Own group"),
                                Map.of("code", "OWN-1", "title", SECRET_TITLE, "parentCode", "OWN")),
                        "mappings",
                        List.of(Map.of(
                                "requirementCode",
                                "OWN-1",
                                "controlId",
                                "backup",
                                "relationship",
                                "intersect",
                                "rationale",
                                "Vault copies"))))
                .post("/api/v1/frameworks")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(owner, "grc-admin")
                .body(Map.of("applicable", true, "status", "implemented", "owner", "vault-team"))
                .put("/api/v1/frameworks/" + framework + "/requirements/OWN-1/applicability")
                .then()
                .statusCode(200);
        as(owner, "grc-admin")
                .body(Map.of("applicable", true, "status", "partial"))
                .put("/api/v1/frameworks/iso27001-2022/requirements/A.8.13/applicability")
                .then()
                .statusCode(200);
        as(owner, "grc-admin")
                .body(Map.of("currentLevel", 1, "targetLevel", 3, "gaps", List.of("Owner's gap")))
                .post("/api/v1/controls/backup/maturity")
                .then()
                .statusCode(201);
    }

    @Test
    void searchAcrossFrameworksShowsNoOtherTenantsRequirements() {
        as(owner, "auditor")
                .queryParam("q", "zebra-striped")
                .when()
                .get("/api/v1/requirements")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].frameworkId", equalTo(framework));
        as(other, "auditor")
                .queryParam("q", "zebra-striped")
                .when()
                .get("/api/v1/requirements")
                .then()
                .statusCode(200)
                .body("total", equalTo(0))
                .body("items", hasSize(0));
        // Naming the foreign framework in the filter does not open it either.
        as(other, "auditor")
                .queryParam("q", "OWN")
                .queryParam("frameworkId", framework)
                .when()
                .get("/api/v1/requirements")
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
    }

    @Test
    void readsOfAForeignFrameworkAnswer404() {
        String base = "/api/v1/frameworks/" + framework;
        for (String path : List.of(
                base,
                base + "/requirements",
                base + "/requirements/tree",
                base + "/requirements/OWN-1",
                base + "/requirements/OWN-1/controls",
                base + "/requirements/OWN-1/applicability",
                base + "/applicability",
                base + "/checklist",
                base + "/versions",
                base + "/audits",
                base + "/oscal",
                base + "/coverage?by=iso27001-2022",
                "/api/v1/frameworks/iso27001-2022/coverage?by=" + framework)) {
            as(other, "auditor").when().get(path).then().statusCode(404).body("status", equalTo(404));
        }
    }

    @Test
    void writesToAForeignFrameworkAnswer404AndStoreNothing() {
        String base = "/api/v1/frameworks/" + framework;
        as(other, "grc-admin")
                .body(Map.of("version", "2"))
                .post(base + "/versions")
                .then()
                .statusCode(404);
        as(other, "grc-admin")
                .body(Map.of("controlId", "mfa", "relationship", "intersect", "rationale", "Injected"))
                .post(base + "/requirements/OWN-1/mappings")
                .then()
                .statusCode(404);
        as(other, "grc-admin")
                .body(Map.of(
                        "items", List.of(Map.of("code", "OWN-1", "applicable", false, "justification", "Injected"))))
                .put(base + "/applicability")
                .then()
                .statusCode(404);
        as(other, "grc-admin")
                .body(Map.of("applicable", false, "justification", "Injected"))
                .put(base + "/requirements/OWN-1/applicability")
                .then()
                .statusCode(404);
        as(other, "grc-admin")
                .body(Map.of("auditDate", "2025-01-01", "auditType", "internal", "auditor", "Injected"))
                .post(base + "/audits")
                .then()
                .statusCode(404);

        assertThat(Api.db(() -> Framework.count("tenant", other)), is(0L));
        assertThat(Api.db(() -> Framework.count("previousVersionId", framework)), is(0L));
        assertThat(Api.db(() -> ControlMapping.count("tenant", other)), is(0L));
        assertThat(Api.db(() -> Applicability.count("tenant", other)), is(0L));
        Applicability decision = Api.db(() -> Applicability.<Applicability>find(
                        "tenant = ?1 and requirementId = ?2", owner, Requirement.require(framework, "OWN-1").id)
                .singleResult());
        assertThat(decision.applicable, is(true));
        assertThat(decision.status, is("implemented"));
    }

    @Test
    void mappingsOfAForeignFrameworkStayOutOfControlsAndRequirements() {
        as(other, "auditor")
                .when()
                .get("/api/v1/controls/backup")
                .then()
                .statusCode(200)
                .body("mappings.frameworkId", not(hasItem(framework)));
        Integer ownCount = as(owner, "auditor")
                .queryParam("size", 100)
                .when()
                .get("/api/v1/controls")
                .then()
                .statusCode(200)
                .extract()
                .path("items.find { it.id == 'backup' }.mappingCount");
        Integer otherCount = as(other, "auditor")
                .queryParam("size", 100)
                .when()
                .get("/api/v1/controls")
                .then()
                .statusCode(200)
                .extract()
                .path("items.find { it.id == 'backup' }.mappingCount");
        assertThat(ownCount, is(otherCount + 1));
    }

    @Test
    void decisionsAndAssessmentsOfAnotherTenantAreNotListed() {
        as(other, "auditor")
                .when()
                .get("/api/v1/frameworks/iso27001-2022/applicability")
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
        as(other, "auditor")
                .when()
                .get("/api/v1/frameworks/iso27001-2022/requirements/A.8.13/applicability")
                .then()
                .statusCode(200)
                .body("status", equalTo("not-started"));
        as(owner, "auditor")
                .when()
                .get("/api/v1/frameworks/iso27001-2022/applicability")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].status", equalTo("partial"));

        as(other, "auditor")
                .when()
                .get("/api/v1/controls/backup/maturity")
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
        as(owner, "auditor")
                .when()
                .get("/api/v1/controls/backup/maturity")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].gaps", hasItem("Owner's gap"));
        as(other, "auditor")
                .when()
                .get("/api/v1/changes")
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
    }

    @Test
    void coverageByABuiltInFrameworkCountsOnlyTheTenantsOwnMappings() {
        as(owner, "auditor")
                .queryParam("by", framework)
                .when()
                .get("/api/v1/frameworks/iso27001-2022/coverage")
                .then()
                .statusCode(200)
                .body("items.find { it.code == 'A.8.13' }.byRequirementCodes", hasItem("OWN-1"));
        // The other tenant has a framework of the same name of its own: its coverage knows nothing of the owner's.
        String own = as(other, "grc-admin")
                .body(Map.of(
                        "name",
                        "Owner's own baseline",
                        "version",
                        "1",
                        "requirements",
                        List.of(Map.of("code", "OWN-1", "title", "Other tenant's"))))
                .post("/api/v1/frameworks")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(other, "auditor")
                .queryParam("by", own)
                .when()
                .get("/api/v1/frameworks/iso27001-2022/coverage")
                .then()
                .statusCode(200)
                .body("coveredRequirements", equalTo(0));
    }
}
