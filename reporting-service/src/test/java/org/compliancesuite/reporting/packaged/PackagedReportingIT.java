package org.compliancesuite.reporting.packaged;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.compliancesuite.common.security.Roles;
import org.compliancesuite.common.testing.PackagedServiceResource;
import org.compliancesuite.common.testing.TestTokens;
import org.compliancesuite.reporting.upstream.UpstreamStubResource;
import org.junit.jupiter.api.Test;

/**
 * The packaged reporting-service in the prod profile: ready, serves the web page without a token, computes a HIPAA
 * breach plan (no upstream needed) and keeps its API behind a token.
 */
@QuarkusIntegrationTest
@WithTestResource(UpstreamStubResource.class)
@WithTestResource(
        value = PackagedServiceResource.class,
        initArgs =
                @ResourceArg(
                        name = "quarkus.datasource.jdbc.url",
                        value = "jdbc:postgresql://localhost:5432/cs_reporting_test"))
class PackagedReportingIT {

    @Test
    void readyServesThePageAndComputesAReport() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/").then().statusCode(200).contentType(startsWith("text/html"));
        given().auth()
                .oauth2(TestTokens.token("packaged", Roles.COMPLIANCE_MANAGER))
                .contentType("application/json")
                .body("{\"discoveryDate\":\"2026-03-02\",\"affectedByState\":{\"CA\":620,\"NV\":80},"
                        + "\"discoveredByBusinessAssociate\":false,\"missingContactCount\":0}")
                .post("/api/v1/reports/hipaa/breach-plan")
                .then()
                .statusCode(200)
                .body("totalAffected", equalTo(700))
                .body("tasks.find { it.code == 'hhs-notice' }.dueDate", equalTo("2026-05-01"));
        given().get("/api/v1/dashboard")
                .then()
                .statusCode(401)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("token"));
    }
}
