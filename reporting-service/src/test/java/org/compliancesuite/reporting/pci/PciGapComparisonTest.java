package org.compliancesuite.reporting.pci;

import static io.restassured.RestAssured.given;
import static org.compliancesuite.reporting.Fixture.fresh;
import static org.compliancesuite.reporting.Fixture.item;
import static org.compliancesuite.reporting.Fixture.map;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.compliancesuite.common.security.Roles;
import org.compliancesuite.common.testing.TokenMatrix;
import org.compliancesuite.reporting.Fixture;
import org.compliancesuite.reporting.upstream.UpstreamStub;
import org.compliancesuite.reporting.upstream.UpstreamStubResource;
import org.junit.jupiter.api.Test;

/** PCI DSS status, gap analysis and framework comparison. */
@QuarkusTest
@QuarkusTestResource(UpstreamStubResource.class)
class PciGapComparisonTest {

    static final String PCI = "pci-dss-4.0.1";
    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    static Fixture pciTenant(String prefix) {
        Fixture f = Fixture.tenant(prefix);
        f.frameworks(Fixture.framework(PCI, "PCI DSS", 12), Fixture.framework("hipaa-security", "HIPAA", null))
                .checklist(
                        PCI,
                        item("3.5.1", "implemented", "encryption-at-rest"),
                        item("3.6.1", "implemented", "key-management"),
                        item("8.3.1", "implemented", "mfa"),
                        item("8.4.2", "partial", "mfa"),
                        item("8.6.1", "not-started"),
                        item("12.10.1", "not-applicable"),
                        item("10.2.1", "not-started", "audit-logging"))
                .freshness(
                        fresh("encryption-at-rest", "ev-enc", true),
                        fresh("key-management", "ev-km", false),
                        fresh("mfa", "ev-mfa", true))
                .maturity(
                        Fixture.maturityOf(
                                "mfa",
                                2,
                                4,
                                Fixture.remediation("rm-late", "open", TODAY.minusDays(5), null),
                                Fixture.remediation("rm-next", "in-progress", TODAY.plusDays(20), null)),
                        Fixture.maturityOf("key-management", 3, 3),
                        Fixture.maturityOf("unrelated", 1, 5));
        UpstreamStub.json(
                f.tenant,
                Fixture.CATALOG + "/frameworks/" + PCI + "/requirements/3",
                map("code", "3", "title", "Protect Stored Account Data"));
        UpstreamStub.json(
                f.tenant,
                Fixture.CATALOG + "/frameworks/" + PCI + "/requirements/8",
                map("code", "8", "title", "Identify Users and Authenticate Access"));
        return f;
    }

    @Test
    void pciRollsSubRequirementsUpToPrincipalRequirements() {
        Fixture f = pciTenant("pci");
        given().auth()
                .oauth2(f.token(Roles.AUDITOR))
                .get("/api/v1/reports/pci-dss")
                .then()
                .statusCode(200)
                .body("requirements.requirement", contains("3", "8", "10", "12"))
                .body("requirements[0].title", equalTo("Protect Stored Account Data"))
                .body("requirements[0].status", equalTo("implemented"))
                .body("requirements[0].withFreshEvidence", equalTo(1))
                .body("requirements[1].status", equalTo("partial"))
                .body("requirements[1].applicable", equalTo(3))
                .body("requirements[1].implemented", equalTo(1))
                .body("requirements[1].partial", equalTo(1))
                .body("requirements[1].notStarted", equalTo(1))
                .body("requirements[2].status", equalTo("not-started"))
                .body("requirements[2].title", equalTo(null))
                .body("requirements[3].status", equalTo("not-applicable"))
                .body("checklist", hasSize(7))
                .body("checklist.find { it.code == '3.6.1' }.evidenceFresh", equalTo(false))
                .body("checklist.find { it.code == '3.6.1' }.evidenceIds", contains("ev-km"));
    }

    @Test
    void gapAnalysisExplainsEachGapWithMaturityAndPlan() {
        Fixture f = pciTenant("gap");
        given().auth()
                .oauth2(f.token(Roles.COMPLIANCE_MANAGER))
                .get("/api/v1/reports/gaps/" + PCI)
                .then()
                .statusCode(200)
                .body("applicableRequirements", equalTo(6))
                .body("coveredRequirements", equalTo(2))
                .body("score", equalTo(33.3f))
                .body("requirements.code", contains("3.6.1", "8.4.2", "8.6.1", "10.2.1"))
                .body("requirements.find { it.code == '3.6.1' }.reasons", contains("no-fresh-accepted-evidence"))
                .body("requirements.find { it.code == '8.4.2' }.reasons", contains("not-implemented"))
                .body(
                        "requirements.find { it.code == '8.6.1' }.reasons",
                        contains("not-implemented", "no-control-mapped"))
                .body(
                        "requirements.find { it.code == '10.2.1' }.reasons",
                        contains("not-implemented", "no-fresh-accepted-evidence"))
                .body("maturity.controlId", contains("mfa"))
                .body("maturity[0].levelsShort", equalTo(2))
                .body("remediationPlan.id", contains("rm-late", "rm-next"))
                .body("remediationPlan[0].overdue", equalTo(true))
                .body("remediationPlan[0].owner", equalTo("owner-rm-late"))
                .body("remediationPlan[1].overdue", equalTo(false));
    }

    @Test
    void unknownFrameworkIs404() {
        Fixture f = pciTenant("gap-404");
        given().auth()
                .oauth2(f.token(Roles.AUDITOR))
                .get("/api/v1/reports/gaps/no-such-framework")
                .then()
                .statusCode(404)
                .body("detail", containsString("no-such-framework"));
        given().auth()
                .oauth2(f.token(Roles.AUDITOR))
                .queryParam("framework", "no-such-framework")
                .get("/api/v1/reports/frameworks/comparison")
                .then()
                .statusCode(404);
    }

    @Test
    void comparisonComesFromTheCatalog() {
        Fixture f = pciTenant("compare");
        given().auth()
                .oauth2(f.token(Roles.AUDITOR))
                .get("/api/v1/reports/frameworks/comparison")
                .then()
                .statusCode(200)
                .body("frameworks.id", contains(PCI, "hipaa-security"))
                .body("frameworks[0].auditIntervalMonths", equalTo(12))
                .body("frameworks[0].costMinUsd", equalTo(10000))
                .body("frameworks[0].scope", equalTo("scope of PCI DSS"))
                .body("frameworks[1].auditIntervalMonths", equalTo(null));
        given().auth()
                .oauth2(f.token(Roles.AUDITOR))
                .queryParam("framework", "hipaa-security")
                .get("/api/v1/reports/frameworks/comparison")
                .then()
                .statusCode(200)
                .body("frameworks.id", contains("hipaa-security"));
    }

    @Test
    void tokenMatrix() {
        TokenMatrix.assertRefusals(
                TokenMatrix::bearer,
                "GET",
                "/api/v1/reports/pci-dss",
                "matrix",
                Roles.AUDITOR,
                Roles.EVIDENCE_COLLECTOR);
        TokenMatrix.assertRefusals(
                TokenMatrix::bearer, "GET", "/api/v1/reports/gaps/" + PCI, "matrix", Roles.AUDITOR, Roles.PHI_READER);
        TokenMatrix.assertRefusals(
                TokenMatrix::bearer,
                "GET",
                "/api/v1/reports/frameworks/comparison",
                "matrix",
                Roles.SECURITY_OFFICER,
                Roles.EVIDENCE_COLLECTOR);
    }
}
