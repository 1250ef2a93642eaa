package org.compliancesuite.catalog.packaged;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.compliancesuite.common.security.Roles;
import org.compliancesuite.common.testing.PackagedServiceResource;
import org.compliancesuite.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

/** The packaged catalog-service in the prod profile: migrates its database, reports ready, serves its catalog. */
@QuarkusIntegrationTest
@WithTestResource(
        value = PackagedServiceResource.class,
        initArgs = @ResourceArg(name = "quarkus.datasource.jdbc.url", value = PackagedCatalogIT.DATABASE))
class PackagedCatalogIT {

    static final String DATABASE = "jdbc:postgresql://localhost:5432/cs_catalog_test";

    @Test
    void readyAndServesTheBuiltInCatalogToAToken() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/openapi?format=json").then().statusCode(200).body("info.title", equalTo("catalog-service"));
        given().auth()
                .oauth2(TestTokens.token("packaged", Roles.AUDITOR))
                .get("/api/v1/frameworks")
                .then()
                .statusCode(200)
                .body("id", hasItems("iso27001-2022", "pci-dss-4.0.1", "hipaa-security", "hipaa-breach", "soc2-2017"));
        given().auth()
                .oauth2(TestTokens.token("packaged", Roles.AUDITOR))
                .get("/api/v1/frameworks/iso27001-2022/requirements/A.8.5")
                .then()
                .statusCode(200)
                .body("code", equalTo("A.8.5"));
        given().get("/api/v1/frameworks").then().statusCode(401).contentType(startsWith("application/problem+json"));
    }
}
