package org.compliancesuite.catalog.framework;

import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import org.compliancesuite.common.testing.TestTokens;
import org.compliancesuite.common.testing.TokenMatrix;
import org.junit.jupiter.api.Test;

@QuarkusTest
class FrameworkResourceTest {

    @Test
    void listsBuiltInFrameworks() {
        TokenMatrix.bearer(TestTokens.token("acme", "auditor"))
                .when()
                .get("/api/v1/frameworks")
                .then()
                .statusCode(200)
                .body("id", hasItems("iso27001-2022", "pci-dss-4.0.1", "hipaa-security", "hipaa-breach", "soc2-2017"));
    }

    @Test
    void refusesBadTokens() {
        TokenMatrix.assertRefusals(
                TokenMatrix::bearer, "GET", "/api/v1/frameworks", "acme", "auditor", "phi-encryptor");
    }
}
