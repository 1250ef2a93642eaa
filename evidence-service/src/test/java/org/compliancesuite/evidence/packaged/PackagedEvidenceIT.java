package org.compliancesuite.evidence.packaged;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.compliancesuite.common.security.Roles;
import org.compliancesuite.common.testing.PackagedServiceResource;
import org.compliancesuite.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * The packaged evidence-service in the prod profile, with catalog-service stubbed: ready, stores a JSON record linked
 * to a control the catalog knows, and its ledger verifies.
 */
@QuarkusIntegrationTest
@WithTestResource(
        value = PackagedServiceResource.class,
        initArgs = {
            @ResourceArg(
                    name = "quarkus.datasource.jdbc.url",
                    value = "jdbc:postgresql://localhost:5432/cs_evidence_test"),
            @ResourceArg(name = "quarkus.scheduler.enabled", value = "false"),
            @ResourceArg(name = "evidence.checkpoint.signer", value = "config"),
            @ResourceArg(
                    name = "evidence.checkpoint.private-key-location",
                    value = "classpath:checkpoint-keys/private.pem"),
            @ResourceArg(
                    name = "evidence.checkpoint.public-key-location",
                    value = "classpath:checkpoint-keys/public.pem")
        })
class PackagedEvidenceIT {

    @Test
    void readyStoresARecordAndItsLedgerVerifies() {
        String tenant = "packaged-" + System.nanoTime();
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/openapi?format=json").then().statusCode(200).body("info.title", equalTo("evidence-service"));
        given().auth()
                .oauth2(TestTokens.token(tenant, Roles.EVIDENCE_COLLECTOR))
                .contentType(ContentType.JSON)
                .body(Map.of("title", "packaged run", "controlIds", List.of("mfa"), "record", Map.of("ok", true)))
                .post("/api/v1/evidence")
                .then()
                .statusCode(201)
                .body("sha256", matchesPattern("[0-9a-f]{64}"))
                .body("controlIds[0]", equalTo("mfa"));
        given().auth()
                .oauth2(TestTokens.token(tenant, Roles.AUDITOR))
                .get("/api/v1/ledger/verify")
                .then()
                .statusCode(200)
                .body("valid", equalTo(true))
                .body("entriesChecked", greaterThan(0));
        given().get("/api/v1/evidence").then().statusCode(401);
    }
}
