package org.compliancesuite.evidence.freshness;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.IntStream;
import org.compliancesuite.common.testing.TokenMatrix;
import org.compliancesuite.evidence.TestData;
import org.compliancesuite.evidence.UpstreamStubs;
import org.junit.jupiter.api.Test;

@QuarkusTest
class FreshnessTest {

    @Test
    void controlFreshnessComesFromTheLatestAcceptedEvidenceAndTheControlFrequency() {
        String tenant = "acme-fresh";
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String old = TestData.record(
                tenant,
                "old",
                List.of("encryption-at-rest"),
                now.minus(40, ChronoUnit.DAYS).toString());
        String recent = TestData.record(
                tenant,
                "recent",
                List.of("encryption-at-rest"),
                now.minus(2, ChronoUnit.DAYS).toString());
        String rejected = TestData.record(tenant, "rejected", List.of("encryption-at-rest"), now.toString());
        TestData.record(tenant, "pending", List.of("encryption-at-rest"), now.toString());
        String mfaOld = TestData.record(
                tenant, "mfa old", List.of("mfa"), now.minus(3, ChronoUnit.DAYS).toString());
        TestData.review(tenant, old, "accepted");
        TestData.review(tenant, recent, "accepted");
        TestData.review(tenant, rejected, "rejected");
        TestData.review(tenant, mfaOld, "accepted");

        given().auth()
                .oauth2(TestData.auditor(tenant))
                .when()
                .get("/api/v1/freshness/controls")
                .then()
                .statusCode(200)
                .body("controlId", contains("encryption-at-rest", "mfa"))
                .body("[0].evidenceFrequency", equalTo("monthly"))
                .body("[0].latestAcceptedEvidenceId", equalTo(recent))
                .body(
                        "[0].latestAcceptedCollectedAt",
                        equalTo(now.minus(2, ChronoUnit.DAYS).toString()))
                .body("[0].fresh", equalTo(true))
                .body("[0].acceptedCount", equalTo(2))
                .body("[0].rejectedCount", equalTo(1))
                .body("[0].pendingCount", equalTo(1))
                .body("[1].evidenceFrequency", equalTo("daily"))
                .body("[1].fresh", equalTo(false))
                .body("[1].freshUntil", equalTo(now.minus(2, ChronoUnit.DAYS).toString()));

        given().auth()
                .oauth2(TestData.manager(tenant))
                .queryParam("fresh", false)
                .when()
                .get("/api/v1/freshness/controls")
                .then()
                .body("controlId", hasItem("mfa"))
                // controls the catalog knows that have no evidence at all are listed too, with zero counts
                .body(
                        "controlId",
                        hasItems(UpstreamStubs.CONTROLS.keySet().stream()
                                .filter(id -> !id.equals("encryption-at-rest"))
                                .toArray(String[]::new)))
                .body("find { it.controlId == 'tls' }.acceptedCount", equalTo(0))
                .body("find { it.controlId == 'tls' }.fresh", equalTo(false))
                .body("controlId", not(hasItem("encryption-at-rest")));
    }

    @Test
    void controlsWithoutEvidenceComeFromEveryPageOfTheCatalogAndAreCachedPerTenant() {
        String tenant = "acme-fresh-paging";
        int pages = (UpstreamStubs.CONTROLS.size() + UpstreamStubs.CATALOG_MAX_PAGE_SIZE - 1)
                / UpstreamStubs.CATALOG_MAX_PAGE_SIZE;
        assertTrue(pages > 1, "the stub must make the catalog span several pages");
        UpstreamStubs.CATALOG_PAGE_REQUESTS.clear();

        for (int call = 0; call < 2; call++) {
            given().auth()
                    .oauth2(TestData.auditor(tenant))
                    .queryParam("fresh", false)
                    .when()
                    .get("/api/v1/freshness/controls")
                    .then()
                    .statusCode(200)
                    .body("size()", equalTo(UpstreamStubs.CONTROLS.size()))
                    .body(
                            "controlId",
                            containsInAnyOrder(UpstreamStubs.CONTROLS.keySet().toArray(String[]::new)));
        }

        List<String> served = UpstreamStubs.CATALOG_PAGE_REQUESTS.stream()
                .filter(r -> r.startsWith(tenant + " "))
                .toList();
        assertEquals(IntStream.range(0, pages).mapToObj(p -> tenant + " " + p).toList(), served);

        // another tenant's catalog is its own: it is not answered from the first tenant's cache
        given().auth()
                .oauth2(TestData.auditor(tenant + "-other"))
                .queryParam("fresh", false)
                .when()
                .get("/api/v1/freshness/controls")
                .then()
                .statusCode(200);
        assertTrue(UpstreamStubs.CATALOG_PAGE_REQUESTS.contains(tenant + "-other 0"));
    }

    @Test
    void listsStaleAndExpiringEvidence() {
        String tenant = "acme-stale";
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String stale = TestData.record(
                tenant,
                "stale",
                List.of("audit-logging"),
                now.minus(8, ChronoUnit.DAYS).toString());
        String expiring = TestData.record(
                tenant,
                "expiring",
                List.of("audit-logging"),
                now.minus(5, ChronoUnit.DAYS).toString());
        String fresh = TestData.record(tenant, "fresh", List.of("key-management"), now.toString());
        String rejected = TestData.record(
                tenant,
                "rejected",
                List.of("audit-logging"),
                now.minus(30, ChronoUnit.DAYS).toString());
        TestData.review(tenant, rejected, "rejected");

        given().auth()
                .oauth2(TestData.auditor(tenant))
                .when()
                .get("/api/v1/freshness/stale")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].id", equalTo(stale))
                .body("items[0].controlIds", contains("audit-logging"))
                .body(
                        "items[0].freshUntil",
                        equalTo(now.minus(1, ChronoUnit.DAYS).toString()));
        given().auth()
                .oauth2(TestData.auditor(tenant))
                .queryParam("days", 7)
                .when()
                .get("/api/v1/freshness/expiring")
                .then()
                .statusCode(200)
                .body("items.id", contains(expiring))
                .body("items.id", not(hasItem(fresh)));
    }

    @Test
    void aControlWithOnlyPendingEvidenceHasNoLatest() {
        String tenant = "acme-pending";
        TestData.record(tenant, "pending", List.of("vendor-review"), null);
        given().auth()
                .oauth2(TestData.auditor(tenant))
                .when()
                .get("/api/v1/freshness/controls")
                .then()
                .body("[0].latestAcceptedEvidenceId", nullValue())
                .body("[0].freshUntil", nullValue())
                .body("[0].fresh", equalTo(false))
                .body("[0].pendingCount", equalTo(1));
    }

    @Test
    void refusesBadTokensAndKeepsTenantsApart() {
        TokenMatrix.assertRefusals(
                TokenMatrix::bearer, "GET", "/api/v1/freshness/controls", "acme", "auditor", "evidence-collector");
        TokenMatrix.assertRefusals(
                TokenMatrix::bearer, "GET", "/api/v1/freshness/stale", "acme", "auditor", "phi-reader");
        TestData.record("acme-fresh-own", "own", List.of("mfa"), null);
        given().auth()
                .oauth2(TestData.auditor("globex-fresh"))
                .when()
                .get("/api/v1/freshness/controls")
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));
    }
}
