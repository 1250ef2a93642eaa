package org.compliancesuite.catalog.custom;

import static org.compliancesuite.catalog.Api.as;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.compliancesuite.catalog.Api;
import org.compliancesuite.catalog.control.ControlMapping;
import org.compliancesuite.catalog.framework.Framework;
import org.compliancesuite.catalog.framework.Requirement;
import org.compliancesuite.common.testing.TokenMatrix;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CustomFrameworkResourceTest {

    static Map<String, Object> policy(String version) {
        return Map.of(
                "name",
                "Acme security baseline",
                "version",
                version,
                "scope",
                "All production systems",
                "auditType",
                "optional",
                "auditIntervalMonths",
                12,
                "requirements",
                List.of(
                        Map.of("code", "ASB-1", "title", "Identity"),
                        Map.of("code", "ASB-1.1", "title", "Admins use hardware keys", "parentCode", "ASB-1"),
                        Map.of("code", "ASB-1.2", "title", "Quarterly access review", "parentCode", "ASB-1")),
                "mappings",
                List.of(Map.of(
                        "requirementCode", "ASB-1.1",
                        "controlId", "mfa",
                        "relationship", "subset",
                        "rationale", "Hardware keys are one form of MFA")));
    }

    @Test
    void createsAFrameworkWithRequirementsAndMappingsVisibleOnlyToItsTenant() {
        String tenant = Api.newTenant();
        String id = as(tenant, "compliance-manager")
                .body(policy("1.0"))
                .post("/api/v1/frameworks")
                .then()
                .statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/api/v1/frameworks/"))
                .extract()
                .path("id");
        assertThat(Api.db(() -> Requirement.count("frameworkId", id)), is(3L));
        Requirement group = Api.db(() -> Requirement.require(id, "ASB-1"));
        assertThat(group.assessable, is(false));

        as(tenant, "auditor")
                .when()
                .get("/api/v1/frameworks/" + id)
                .then()
                .statusCode(200)
                .body("builtIn", equalTo(false))
                .body("auditType", equalTo("optional"))
                .body("requirementCount", equalTo(3));
        as(tenant, "auditor")
                .when()
                .get("/api/v1/controls/mfa")
                .then()
                .body("mappings.requirementCode", hasItem("ASB-1.1"));
        as(Api.newTenant(), "auditor")
                .when()
                .get("/api/v1/controls/mfa")
                .then()
                .body("mappings.requirementCode", not(hasItem("ASB-1.1")));
        as(tenant, "auditor")
                .when()
                .get("/api/v1/frameworks/" + id + "/checklist")
                .then()
                .statusCode(200)
                .body("items.code", contains("ASB-1.1", "ASB-1.2"))
                .body("items[0].controlIds", contains("mfa"));

        String other = Api.newTenant();
        as(other, "grc-admin")
                .when()
                .get("/api/v1/frameworks/" + id + "/requirements")
                .then()
                .statusCode(404);
        as(other, "grc-admin")
                .when()
                .get("/api/v1/frameworks/" + id + "/checklist")
                .then()
                .statusCode(404);
        as(other, "grc-admin")
                .body(Map.of("code", "X-1", "title", "Injected"))
                .post("/api/v1/frameworks/" + id + "/requirements")
                .then()
                .statusCode(404);
        as(other, "grc-admin")
                .post("/api/v1/frameworks/" + id + "/retire")
                .then()
                .statusCode(404);
        assertThat(Api.db(() -> Requirement.count("frameworkId", id)), is(3L));
    }

    @Test
    void refusesDuplicatesAndBadReferencesWithoutStoringAnything() {
        String tenant = Api.newTenant();
        Map<String, Object> duplicateCodes = Map.of(
                "name", "Dup",
                "version", "1",
                "requirements", List.of(Map.of("code", "D-1", "title", "a"), Map.of("code", "D-1", "title", "b")));
        as(tenant, "grc-admin")
                .body(duplicateCodes)
                .post("/api/v1/frameworks")
                .then()
                .statusCode(409);

        Map<String, Object> badReferences = Map.of(
                "name",
                "Refs",
                "version",
                "1",
                "requirements",
                List.of(Map.of("code", "R-2", "title", "child", "parentCode", "R-1")),
                "mappings",
                List.of(Map.of(
                        "requirementCode",
                        "R-9",
                        "controlId",
                        "telepathy",
                        "relationship",
                        "equal",
                        "rationale",
                        "x")));
        as(tenant, "grc-admin")
                .body(badReferences)
                .post("/api/v1/frameworks")
                .then()
                .statusCode(422)
                .body(
                        "errors.field",
                        hasItems("requirements[0].parentCode", "mappings[0].requirementCode", "mappings[0].controlId"));

        Map<String, Object> badEnum = Map.of("name", "Enum", "version", "1", "auditType", "sometimes");
        as(tenant, "grc-admin")
                .body(badEnum)
                .post("/api/v1/frameworks")
                .then()
                .statusCode(422)
                .body("detail", org.hamcrest.Matchers.containsString("required, optional"));
        as(tenant, "grc-admin")
                .body(Map.of(
                        "name", "Slash", "version", "1", "requirements", List.of(Map.of("code", "a/b", "title", "t"))))
                .post("/api/v1/frameworks")
                .then()
                .statusCode(422);
        assertThat(Api.db(() -> Framework.count("tenant", tenant)), is(0L));

        as(tenant, "grc-admin")
                .body(policy("1.0"))
                .post("/api/v1/frameworks")
                .then()
                .statusCode(201);
        as(tenant, "grc-admin")
                .body(policy("1.0"))
                .post("/api/v1/frameworks")
                .then()
                .statusCode(409);
        assertThat(Api.db(() -> Framework.count("tenant", tenant)), is(1L));
    }

    @Test
    void versionsAddsRequirementsAndMappingsAndRetires() {
        String tenant = Api.newTenant();
        String v1 = as(tenant, "grc-admin")
                .body(policy("1.0"))
                .post("/api/v1/frameworks")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String v2 = as(tenant, "grc-admin")
                .body(Map.of("version", "2.0"))
                .post("/api/v1/frameworks/" + v1 + "/versions")
                .then()
                .statusCode(201)
                .body("previousVersionId", equalTo(v1))
                .body("status", equalTo("active"))
                .body("requirementCount", equalTo(3))
                .extract()
                .path("id");
        assertThat(Api.db(() -> ControlMapping.count("tenant", tenant)), is(2L));

        as(tenant, "grc-admin")
                .body(Map.of("code", "ASB-2", "title", "Logging"))
                .post("/api/v1/frameworks/" + v2 + "/requirements")
                .then()
                .statusCode(201)
                .header("Location", startsWith("http"))
                .body("code", equalTo("ASB-2"));
        as(tenant, "grc-admin")
                .body(Map.of("code", "ASB-2", "title", "Again"))
                .post("/api/v1/frameworks/" + v2 + "/requirements")
                .then()
                .statusCode(409);
        as(tenant, "grc-admin")
                .body(Map.of("controlId", "audit-logging", "relationship", "equal", "rationale", "Same scope"))
                .post("/api/v1/frameworks/" + v2 + "/requirements/ASB-2/mappings")
                .then()
                .statusCode(201)
                .body("relationship", equalTo("equal"));
        as(tenant, "grc-admin")
                .body(Map.of("controlId", "audit-logging", "relationship", "equal", "rationale", "Same scope"))
                .post("/api/v1/frameworks/" + v2 + "/requirements/ASB-2/mappings")
                .then()
                .statusCode(409);
        as(tenant, "grc-admin")
                .body(Map.of("controlId", "audit-logging", "relationship", "same", "rationale", "x"))
                .post("/api/v1/frameworks/" + v2 + "/requirements/ASB-2/mappings")
                .then()
                .statusCode(422)
                .body("detail", org.hamcrest.Matchers.containsString("equal, subset, superset, intersect"));
        as(tenant, "grc-admin")
                .body(Map.of("controlId", "mfa", "relationship", "equal", "rationale", "x"))
                .post("/api/v1/frameworks/pci-dss-4.0.1/requirements/8.4.2/mappings")
                .then()
                .statusCode(409);

        as(tenant, "grc-admin")
                .post("/api/v1/frameworks/" + v1 + "/retire")
                .then()
                .statusCode(200)
                .body("status", equalTo("retired"))
                .body("retiredBy", equalTo("user-" + tenant));
        as(tenant, "grc-admin")
                .post("/api/v1/frameworks/" + v1 + "/retire")
                .then()
                .statusCode(409);
        as(tenant, "grc-admin")
                .body(Map.of("code", "ASB-3", "title", "Too late"))
                .post("/api/v1/frameworks/" + v1 + "/requirements")
                .then()
                .statusCode(409);
        as(tenant, "grc-admin")
                .post("/api/v1/frameworks/iso27001-2022/retire")
                .then()
                .statusCode(409);

        as(tenant, "auditor")
                .when()
                .get("/api/v1/frameworks/" + v2 + "/versions")
                .then()
                .statusCode(200)
                .body("id", contains(v1, v2))
                .body("status", contains("retired", "active"))
                .body("requirementCount", contains(3, 4));
        as(tenant, "auditor").when().get("/api/v1/frameworks").then().body("id", not(hasItem(v1)));
        as(tenant, "auditor")
                .queryParam("includeRetired", true)
                .when()
                .get("/api/v1/frameworks")
                .then()
                .body("id", hasItems(v1, v2));

        as(tenant, "auditor")
                .queryParam("entityType", "framework")
                .when()
                .get("/api/v1/changes")
                .then()
                .statusCode(200)
                .body("action", org.hamcrest.Matchers.nullValue())
                .body("items.action", contains("retired", "versioned", "created"))
                .body("items[0].changedBy", equalTo("user-" + tenant));
        as(Api.newTenant(), "auditor").when().get("/api/v1/changes").then().body("total", equalTo(0));
    }

    @Test
    void refusesCodesThatNoUrlReachesAndStoresNothing() {
        String tenant = Api.newTenant();
        for (String code :
                List.of("a b", "a%b", "a;b", "a?b", "a#b", "a\\b", ".", "..", "tree", "x".repeat(101), " a")) {
            as(tenant, "grc-admin")
                    .body(Map.of(
                            "name",
                            "Codes",
                            "version",
                            "1",
                            "requirements",
                            List.of(Map.of("code", code, "title", "t"))))
                    .post("/api/v1/frameworks")
                    .then()
                    .statusCode(422)
                    .body("errors.field", hasItem(org.hamcrest.Matchers.endsWith("code")));
        }
        assertThat(Api.db(() -> Framework.count("tenant", tenant)), is(0L));
        String id = as(tenant, "grc-admin")
                .body(Map.of("name", "Codes", "version", "1"))
                .post("/api/v1/frameworks")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(tenant, "grc-admin")
                .body(Map.of("code", "tree", "title", "t"))
                .post("/api/v1/frameworks/" + id + "/requirements")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("code"));
        assertThat(Api.db(() -> Requirement.count("frameworkId", id)), is(0L));
    }

    @Test
    void implementationDesignationSetsRequiredAndMustAgreeWithIt() {
        String tenant = Api.newTenant();
        as(tenant, "grc-admin")
                .body(Map.of(
                        "name",
                        "Contradiction",
                        "version",
                        "1",
                        "requirements",
                        List.of(Map.of(
                                "code", "C-1", "title", "t", "implementation", "addressable", "required", true))))
                .post("/api/v1/frameworks")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("requirements[0].required"));
        as(tenant, "grc-admin")
                .body(Map.of(
                        "name",
                        "Bad designation",
                        "version",
                        "1",
                        "requirements",
                        List.of(Map.of("code", "C-1", "title", "t", "implementation", "optional"))))
                .post("/api/v1/frameworks")
                .then()
                .statusCode(422)
                .body("detail", org.hamcrest.Matchers.containsString("required, addressable"));
        assertThat(Api.db(() -> Framework.count("tenant", tenant)), is(0L));

        String id = as(tenant, "grc-admin")
                .body(Map.of(
                        "name",
                        "Designations",
                        "version",
                        "1",
                        "requirements",
                        List.of(Map.of("code", "D-1", "title", "t", "implementation", "addressable"))))
                .post("/api/v1/frameworks")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(tenant, "auditor")
                .when()
                .get("/api/v1/frameworks/" + id + "/requirements/D-1")
                .then()
                .statusCode(200)
                .body("required", equalTo(false))
                .body("implementation", equalTo("addressable"));
        as(tenant, "grc-admin")
                .body(Map.of("code", "D-2", "title", "t", "implementation", "required", "required", false))
                .post("/api/v1/frameworks/" + id + "/requirements")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("required"));
        as(tenant, "grc-admin")
                .body(Map.of("code", "D-2", "title", "t", "implementation", "required", "category", "security"))
                .post("/api/v1/frameworks/" + id + "/requirements")
                .then()
                .statusCode(201)
                .body("required", equalTo(true))
                .body("implementation", equalTo("required"))
                .body("category", equalTo("security"));
        String v2 = as(tenant, "grc-admin")
                .body(Map.of("version", "2"))
                .post("/api/v1/frameworks/" + id + "/versions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(tenant, "auditor")
                .when()
                .get("/api/v1/frameworks/" + v2 + "/requirements/D-1")
                .then()
                .statusCode(200)
                .body("implementation", equalTo("addressable"));
    }

    @Test
    void refusesBadTokens() {
        TokenMatrix.assertRefusals(
                token -> TokenMatrix.bearer(token).contentType(ContentType.JSON).body(policy("9")),
                "POST",
                "/api/v1/frameworks",
                "acme",
                "grc-admin",
                "auditor");
        TokenMatrix.assertRefusals(
                TokenMatrix::bearer, "GET", "/api/v1/changes", "acme", "auditor", "evidence-collector");
    }
}
