package org.compliancesuite.catalog.audit;

import static org.compliancesuite.catalog.Api.as;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.LocalDate;
import java.util.Map;
import org.compliancesuite.catalog.Api;
import org.compliancesuite.common.testing.TokenMatrix;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuditResourceTest {

    private static final String PCI = "/api/v1/frameworks/pci-dss-4.0.1/audits";

    @Test
    void recordsAuditsAndListsThemNewestFirstPerTenant() {
        String tenant = Api.newTenant();
        as(tenant, "grc-admin")
                .body(Map.of("auditDate", "2025-05-20", "auditType", "ROC", "auditor", "QSA Partners"))
                .post(PCI)
                .then()
                .statusCode(201)
                .body("auditType", equalTo("ROC"))
                .body("recordedBy", equalTo("user-" + tenant));
        as(tenant, "compliance-manager")
                .body(Map.of("auditDate", "2026-05-18", "auditType", "ROC", "auditor", "QSA Partners"))
                .post(PCI)
                .then()
                .statusCode(201);

        as(tenant, "auditor")
                .when()
                .get(PCI)
                .then()
                .statusCode(200)
                .body("auditDate", contains("2026-05-18", "2025-05-20"));
        assertThat(Api.db(() -> FrameworkAudit.count("tenant", tenant)), is(2L));
        as(Api.newTenant(), "auditor").when().get(PCI).then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void refusesFutureDatesUnknownFrameworksAndForeignCustomFrameworks() {
        String tenant = Api.newTenant();
        as(tenant, "grc-admin")
                .body(Map.of("auditDate", LocalDate.now().plusDays(3).toString(), "auditType", "ROC", "auditor", "QSA"))
                .post(PCI)
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("auditDate"));
        as(tenant, "grc-admin")
                .body(Map.of("auditDate", "2025-01-01", "auditType", "ROC", "auditor", "QSA"))
                .post("/api/v1/frameworks/pci-dss-3.2.1/audits")
                .then()
                .statusCode(404);
        String custom = as(tenant, "grc-admin")
                .body(Map.of("name", "Vendor code of practice", "version", "2026"))
                .post("/api/v1/frameworks")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(Api.newTenant(), "grc-admin")
                .body(Map.of("auditDate", "2025-01-01", "auditType", "internal", "auditor", "me"))
                .post("/api/v1/frameworks/" + custom + "/audits")
                .then()
                .statusCode(404);
        assertThat(Api.db(() -> FrameworkAudit.count("frameworkId", custom)), is(0L));
    }

    @Test
    void refusesBadTokens() {
        TokenMatrix.assertRefusals(
                token -> TokenMatrix.bearer(token)
                        .contentType(ContentType.JSON)
                        .body(Map.of("auditDate", "2025-01-01", "auditType", "ROC", "auditor", "QSA")),
                "POST",
                PCI,
                "acme",
                "grc-admin",
                "auditor");
        TokenMatrix.assertRefusals(TokenMatrix::bearer, "GET", PCI, "acme", "auditor", "evidence-collector");
    }
}
