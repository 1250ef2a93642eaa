package org.compliancesuite.catalog.framework;

import static org.compliancesuite.catalog.Api.as;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.compliancesuite.catalog.Api;
import org.compliancesuite.common.testing.TokenMatrix;
import org.junit.jupiter.api.Test;

@QuarkusTest
class FrameworkResourceTest {

    @Test
    void listsBuiltInFrameworksWithTheContractFields() {
        as("acme", "auditor")
                .when()
                .get("/api/v1/frameworks")
                .then()
                .statusCode(200)
                .body("id", hasItems("iso27001-2022", "pci-dss-4.0.1", "hipaa-security", "hipaa-breach", "soc2-2017"))
                .body("find { it.id == 'pci-dss-4.0.1' }.auditType", equalTo("required"))
                .body("find { it.id == 'pci-dss-4.0.1' }.auditIntervalMonths", equalTo(12))
                .body("find { it.id == 'pci-dss-4.0.1' }.costMinUsd", equalTo(50000))
                .body("find { it.id == 'pci-dss-4.0.1' }.costMaxUsd", equalTo(200000))
                .body("find { it.id == 'pci-dss-4.0.1' }.builtIn", equalTo(true))
                .body("find { it.id == 'hipaa-security' }.auditIntervalMonths", equalTo(24))
                .body("find { it.id == 'hipaa-security' }.costMaxUsd", equalTo(500000))
                .body("find { it.id == 'soc2-2017' }.auditType", equalTo("optional"))
                .body("find { it.id == 'iso27001-2022' }.costMinUsd", equalTo(80000))
                .body("find { it.id == 'iso27001-2022' }.requirementCount", equalTo(138));
    }

    @Test
    void readsOneFrameworkAndRefusesUnknownOrForeignOnes() {
        as("acme", "compliance-manager")
                .when()
                .get("/api/v1/frameworks/soc2-2017")
                .then()
                .statusCode(200)
                .body("name", equalTo("SOC 2 Trust Services Criteria"))
                .body("auditFrequency", equalTo("annual"));
        as("acme", "auditor")
                .when()
                .get("/api/v1/frameworks/nist-800-53")
                .then()
                .statusCode(404)
                .body("status", equalTo(404));

        String owner = Api.newTenant();
        String id = as(owner, "grc-admin")
                .body(Map.of("name", "Internal policy", "version", "1"))
                .post("/api/v1/frameworks")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(owner, "auditor").when().get("/api/v1/frameworks/" + id).then().statusCode(200);
        as(Api.newTenant(), "grc-admin")
                .when()
                .get("/api/v1/frameworks/" + id)
                .then()
                .statusCode(404)
                .body("detail", equalTo("no framework " + id));
        as(Api.newTenant(), "auditor")
                .when()
                .get("/api/v1/frameworks")
                .then()
                .statusCode(200)
                .body("id", not(hasItem(id)));
    }

    @Test
    void frameworksSayWhetherTheyAreRetiredAndWhichVersionTheyCameFrom() {
        String tenant = Api.newTenant();
        String v1 = as(tenant, "grc-admin")
                .body(Map.of("name", "Lifecycle policy", "version", "1", "description", "Kept for the lifecycle test"))
                .post("/api/v1/frameworks")
                .then()
                .statusCode(201)
                .body("status", equalTo("active"))
                .body("previousVersionId", nullValue())
                .extract()
                .path("id");
        String v2 = as(tenant, "grc-admin")
                .body(Map.of("version", "2"))
                .post("/api/v1/frameworks/" + v1 + "/versions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(tenant, "grc-admin")
                .post("/api/v1/frameworks/" + v1 + "/retire")
                .then()
                .statusCode(200);

        as(tenant, "security-officer")
                .queryParam("includeRetired", true)
                .when()
                .get("/api/v1/frameworks")
                .then()
                .statusCode(200)
                .body("find { it.id == '" + v1 + "' }.status", equalTo("retired"))
                .body("find { it.id == '" + v1 + "' }.description", equalTo("Kept for the lifecycle test"))
                .body("find { it.id == '" + v2 + "' }.status", equalTo("active"))
                .body("find { it.id == '" + v2 + "' }.previousVersionId", equalTo(v1))
                .body("find { it.id == '" + v2 + "' }.description", equalTo("Kept for the lifecycle test"))
                .body("find { it.id == 'iso27001-2022' }.status", equalTo("active"))
                .body("find { it.id == 'pci-dss-4.0.1' }.description", org.hamcrest.Matchers.containsString("v4.0.1"));
        as(tenant, "auditor")
                .when()
                .get("/api/v1/frameworks/" + v1)
                .then()
                .statusCode(200)
                .body("status", equalTo("retired"));
        as(tenant, "auditor")
                .when()
                .get("/api/v1/frameworks/" + v2)
                .then()
                .statusCode(200)
                .body("status", equalTo("active"))
                .body("previousVersionId", equalTo(v1));
        as(tenant, "auditor").when().get("/api/v1/frameworks").then().body("id", not(hasItem(v1)));
    }

    @Test
    void readsARequirementByExactCode() {
        as("acme", "evidence-collector")
                .when()
                .get("/api/v1/frameworks/hipaa-security/requirements/164.312(a)(2)(iv)")
                .then()
                .statusCode(200)
                .body("frameworkId", equalTo("hipaa-security"))
                .body("code", equalTo("164.312(a)(2)(iv)"))
                .body("title", equalTo("Encryption and decryption"))
                .body("parentCode", equalTo("164.312(a)(1)"))
                .body("kind", equalTo("implementation-specification"))
                .body("required", equalTo(false));
        as("acme", "auditor")
                .when()
                .get("/api/v1/frameworks/pci-dss-4.0.1/requirements/8.3.6")
                .then()
                .statusCode(200)
                .body("parentCode", equalTo("8.3"))
                .body("required", equalTo(true));
        as("acme", "auditor")
                .when()
                .get("/api/v1/frameworks/iso27001-2022/requirements/A.9.1")
                .then()
                .statusCode(404);
    }

    @Test
    void pagesFiltersByParentAndSearchesText() {
        as("acme", "auditor")
                .queryParam("parent", "A.8")
                .queryParam("size", 10)
                .queryParam("page", 3)
                .when()
                .get("/api/v1/frameworks/iso27001-2022/requirements")
                .then()
                .statusCode(200)
                .body("total", equalTo(34))
                .body("page", equalTo(3))
                .body("size", equalTo(10))
                .body("items.code", contains("A.8.31", "A.8.32", "A.8.33", "A.8.34"));
        as("acme", "auditor")
                .queryParam("q", "MFA")
                .when()
                .get("/api/v1/frameworks/pci-dss-4.0.1/requirements")
                .then()
                .statusCode(200)
                .body("items.code", hasItems("8.4.1", "8.4.2", "8.4.3", "8.5"))
                .body("items.parentCode", everyItem(not(nullValue())));
        as("acme", "auditor")
                .queryParam("q", "cc6.")
                .when()
                .get("/api/v1/frameworks/soc2-2017/requirements")
                .then()
                .statusCode(200)
                .body("total", equalTo(8));
        as("acme", "auditor")
                .queryParam("q", "100%")
                .when()
                .get("/api/v1/frameworks/soc2-2017/requirements")
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
        as("acme", "auditor")
                .queryParam("parent", "Z.1")
                .when()
                .get("/api/v1/frameworks/soc2-2017/requirements")
                .then()
                .statusCode(404);
        as("acme", "auditor")
                .queryParam("size", 0)
                .when()
                .get("/api/v1/frameworks/soc2-2017/requirements")
                .then()
                .statusCode(422);
    }

    @Test
    void searchesAcrossFrameworks() {
        List<String> frameworks = as("acme", "auditor")
                .queryParam("q", "Software")
                .when()
                .get("/api/v1/requirements")
                .then()
                .statusCode(200)
                .extract()
                .path("items.frameworkId");
        assertThat(frameworks, hasItems("iso27001-2022", "pci-dss-4.0.1", "hipaa-security", "soc2-2017"));
        as("acme", "auditor").when().get("/api/v1/requirements").then().statusCode(422);
    }

    @Test
    void buildsTheTree() {
        as("acme", "auditor")
                .when()
                .get("/api/v1/frameworks/soc2-2017/requirements/tree")
                .then()
                .statusCode(200)
                .body("code", contains("CC", "A", "C", "PI", "P"))
                .body("find { it.code == 'CC' }.children", hasSize(9))
                .body("find { it.code == 'CC' }.children.find { it.code == 'CC6' }.children", hasSize(8))
                .body("find { it.code == 'P' }.children.code", hasItems("P1", "P8"));
        as("acme", "auditor")
                .queryParam("parent", "164.308(a)(7)")
                .when()
                .get("/api/v1/frameworks/hipaa-security/requirements/tree")
                .then()
                .statusCode(200)
                .body(
                        "code",
                        contains(
                                "164.308(a)(7)(ii)(A)",
                                "164.308(a)(7)(ii)(B)",
                                "164.308(a)(7)(ii)(C)",
                                "164.308(a)(7)(ii)(D)",
                                "164.308(a)(7)(ii)(E)"));
    }

    @Test
    void refusesBadTokens() {
        TokenMatrix.assertRefusals(
                TokenMatrix::bearer, "GET", "/api/v1/frameworks", "acme", "auditor", "phi-encryptor");
        TokenMatrix.assertRefusals(
                TokenMatrix::bearer,
                "GET",
                "/api/v1/frameworks/pci-dss-4.0.1/requirements/8.3.6",
                "acme",
                "evidence-collector",
                "phi-reader");
        TokenMatrix.assertRefusals(
                TokenMatrix::bearer, "GET", "/api/v1/requirements?q=mfa", "acme", "security-officer", "phi-reader");
    }
}
