package org.compliancesuite.catalog.control;

import static org.compliancesuite.catalog.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.oneOf;

import io.quarkus.test.junit.QuarkusTest;
import org.compliancesuite.common.testing.TokenMatrix;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ControlResourceTest {

    @Test
    void aControlListsTheRequirementsItSatisfiesInEveryFramework() {
        as("acme", "evidence-collector")
                .when()
                .get("/api/v1/controls/mfa")
                .then()
                .statusCode(200)
                .body("id", equalTo("mfa"))
                .body("title", equalTo("Multi-factor authentication"))
                .body("evidenceFrequency", equalTo("continuous"))
                .body("mappings.frameworkId", hasItems("iso27001-2022", "pci-dss-4.0.1", "hipaa-security", "soc2-2017"))
                // The control (MFA for CDE, remote, administrative and ePHI access, replay-resistant) is broader than
                // each PCI requirement it meets, so it is their superset, equal to none of them.
                .body("mappings.find { it.requirementCode == '8.4.2' }.relationship", equalTo("superset"))
                .body("mappings.find { it.requirementCode == '8.4' }.relationship", equalTo("superset"))
                .body("mappings.find { it.requirementCode == 'CC6.1' }.relationship", equalTo("subset"))
                .body("mappings.find { it.requirementCode == '164.312(d)' }.relationship", equalTo("superset"))
                .body("mappings.relationship", everyItem(oneOf("equal", "subset", "superset", "intersect")))
                .body("mappings.find { it.requirementCode == 'A.8.5' }.rationale", not(equalTo("")));
        as("acme", "auditor")
                .when()
                .get("/api/v1/controls/key-management")
                .then()
                .statusCode(200)
                .body("mappings.requirementCode", hasItems("3.7.4", "A.8.24", "164.312(a)(2)(iv)"));
        as("acme", "auditor").when().get("/api/v1/controls/telepathy").then().statusCode(404);
    }

    @Test
    void aRequirementListsTheControlsThatCoverIt() {
        as("acme", "auditor")
                .when()
                .get("/api/v1/frameworks/pci-dss-4.0.1/requirements/10.5.1/controls")
                .then()
                .statusCode(200)
                .body("controlId", hasItem("audit-logging"))
                .body("find { it.controlId == 'audit-logging' }.evidenceFrequency", equalTo("continuous"));
        as("acme", "auditor")
                .when()
                .get("/api/v1/frameworks/soc2-2017/requirements/CC6.1/controls")
                .then()
                .statusCode(200)
                .body("controlId", hasItems("mfa", "encryption-at-rest", "access-provisioning"));
        as("acme", "auditor")
                .when()
                .get("/api/v1/frameworks/soc2-2017/requirements/CC10.1/controls")
                .then()
                .statusCode(404);
    }

    @Test
    void coverageOfOneFrameworkByAnotherGoesThroughSharedControls() {
        as("acme", "compliance-manager")
                .queryParam("by", "soc2-2017")
                .when()
                .get("/api/v1/frameworks/iso27001-2022/coverage")
                .then()
                .statusCode(200)
                .body("frameworkId", equalTo("iso27001-2022"))
                .body("byFrameworkId", equalTo("soc2-2017"))
                .body("assessableRequirements", equalTo(123))
                .body("coveredRequirements", greaterThan(60))
                .body("items.find { it.code == 'A.8.5' }.covered", equalTo(true))
                .body("items.find { it.code == 'A.8.5' }.sharedControlIds", hasItem("mfa"))
                .body("items.find { it.code == 'A.8.5' }.byRequirementCodes", hasItem("CC6.1"));
        // Only breach notification reaches the HIPAA Breach Rule, and it has no mapping to A.8.13 (backup).
        as("acme", "auditor")
                .queryParam("by", "hipaa-breach")
                .when()
                .get("/api/v1/frameworks/iso27001-2022/coverage")
                .then()
                .statusCode(200)
                .body("items.find { it.code == 'A.8.13' }.covered", equalTo(false))
                .body("items.find { it.code == 'A.8.13' }.sharedControlIds", hasSize(0))
                .body("items.find { it.code == 'A.5.26' }.sharedControlIds", hasItem("breach-notification"));
        as("acme", "auditor")
                .queryParam("by", "nope")
                .when()
                .get("/api/v1/frameworks/iso27001-2022/coverage")
                .then()
                .statusCode(404);
        as("acme", "auditor")
                .when()
                .get("/api/v1/frameworks/iso27001-2022/coverage")
                .then()
                .statusCode(422);
    }

    @Test
    void refusesBadTokens() {
        TokenMatrix.assertRefusals(
                TokenMatrix::bearer, "GET", "/api/v1/controls/mfa", "acme", "evidence-collector", "phi-encryptor");
        TokenMatrix.assertRefusals(
                TokenMatrix::bearer,
                "GET",
                "/api/v1/frameworks/iso27001-2022/coverage?by=soc2-2017",
                "acme",
                "auditor",
                "evidence-collector");
    }
}
