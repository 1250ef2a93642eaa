package org.compliancesuite.catalog.edge;

import static org.compliancesuite.catalog.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.compliancesuite.catalog.Api;
import org.compliancesuite.catalog.maturity.MaturityAssessment;
import org.junit.jupiter.api.Test;

/**
 * The refusals the shared edge (common) gives before a resource runs: every one is problem+json and stores nothing.
 */
@QuarkusTest
class EdgeRefusalTest {

    @Test
    void nulInPathOrQueryIs400() {
        String tenant = Api.newTenant();
        as(tenant, "auditor")
                .urlEncodingEnabled(false)
                .when()
                .get("/api/v1/controls/mfa%00x")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(400));
        as(tenant, "auditor")
                .urlEncodingEnabled(false)
                .when()
                .get("/api/v1/changes?entityId=a%00b")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void nulInJsonStringIs422AndNothingIsStored() {
        String tenant = Api.newTenant();
        as(tenant, "compliance-manager")
                .body(Map.of("currentLevel", 1, "targetLevel", 2, "gaps", java.util.List.of("no\u0000gap")))
                .post("/api/v1/controls/mfa/maturity")
                .then()
                .statusCode(422)
                .contentType(startsWith("application/problem+json"))
                .body("errors[0].message", equalTo("must not contain NUL characters"));
        assertEquals(0L, Api.db(() -> MaturityAssessment.count("tenant", tenant)));
    }

    @Test
    void longRequestLineIs414ProblemJson() {
        as(Api.newTenant(), "auditor")
                .when()
                .get("/api/v1/requirements?q=" + "a".repeat(9000))
                .then()
                .statusCode(414)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(414));
    }

    @Test
    void declaredBodyAboveTheLimitIs413ProblemJson() {
        String tenant = Api.newTenant();
        as(tenant, "compliance-manager")
                .body("{\"currentLevel\":1,\"targetLevel\":2,\"gaps\":[\"" + "x".repeat(11 * 1024 * 1024) + "\"]}")
                .post("/api/v1/controls/mfa/maturity")
                .then()
                .statusCode(413)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(413));
        assertEquals(0L, Api.db(() -> MaturityAssessment.count("tenant", tenant)));
    }
}
