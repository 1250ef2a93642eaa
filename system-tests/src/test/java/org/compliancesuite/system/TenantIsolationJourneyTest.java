package org.compliancesuite.system;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Journey 5: a second tenant sees none of the first tenant's data through any endpoint. Tenant A writes through
 * every service; tenant B, holding every role, then calls every GET operation of every service's OpenAPI document
 * (with A's identifiers in every path parameter) and every write operation aimed at A's identifiers: nothing of A's
 * comes back, nothing of A's changes.
 */
@Order(15)
class TenantIsolationJourneyTest {

    static final String A = "tenant-a";
    static final String B = "tenant-b";
    static final String[] ALL_ROLES = {
        "grc-admin",
        "compliance-manager",
        "auditor",
        "evidence-collector",
        "phi-encryptor",
        "phi-reader",
        "security-officer"
    };

    @Test
    void secondTenantSeesNothingOfTheFirst() throws Exception {
        RunningSuite suite = RunningSuite.get();
        String tokenA = suite.token(A, ALL_ROLES);
        String tokenB = suite.token(B, ALL_ROLES);
        String marker = "marker-" + UUID.randomUUID();
        Map<String, String> idsOfA = new LinkedHashMap<>();

        // Tenant A's data in every service.
        String evidence = RunningSuite.baseUrl("evidence");
        String evidenceId = Api.as(tokenA)
                .body(Map.of(
                        "title",
                        marker + " evidence",
                        "controlIds",
                        List.of("mfa"),
                        "collectedAt",
                        "2026-02-10T09:00:00Z",
                        "record",
                        Map.of("note", marker)))
                .post(evidence + "/api/v1/evidence")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        idsOfA.put("evidence", evidenceId);
        JsonPath sample = Api.as(tokenA)
                .body(Map.of("controlId", "mfa", "periodStart", "2026-01-01", "periodEnd", "2026-03-31"))
                .post(evidence + "/api/v1/samples")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        idsOfA.put("sample", sample.getString("sample.id"));
        idsOfA.put("sample item", sample.getString("sample.items[0].id"));
        Api.as(tokenA)
                .body(Map.of(
                        "accounts",
                        List.of(Map.of(
                                "id",
                                marker + "-admin",
                                "mfaEnabled",
                                false,
                                "privileged",
                                true,
                                "passwordMinLength",
                                8,
                                "lastLogin",
                                "2026-01-01T00:00:00Z"))))
                .post(evidence + "/api/v1/monitors/identity/snapshots")
                .then()
                .statusCode(201);

        String vault = RunningSuite.baseUrl("vault");
        String ciphertext = Api.encrypt(vault, tokenA, marker + " diagnosis", marker + "-patient")
                .then()
                .statusCode(200)
                .extract()
                .path("ciphertext");
        Api.decrypt(vault, tokenA, ciphertext, "treatment").then().statusCode(200);
        String auditId = Api.auditByDataSubject(vault, tokenA, marker + "-patient")
                .then()
                .statusCode(200)
                .extract()
                .path("items[0].id");
        idsOfA.put("audit record", auditId);

        // Tenant B: its own chains are empty of A's entries, A's ciphertext does not decrypt for B.
        Api.decrypt(vault, tokenB, ciphertext, "treatment")
                .then()
                .statusCode(422)
                .contentType("application/problem+json");
        Api.auditByDataSubject(vault, tokenB, marker + "-patient")
                .then()
                .statusCode(200)
                .body("total", equalTo(0));

        List<String> leaks = new ArrayList<>();
        int probes = 0;
        for (String service : RunningSuite.SERVICES) {
            String base = RunningSuite.baseUrl(service);
            OpenApiOperation.Document doc = OpenApiOperation.load(base);
            for (OpenApiOperation op : doc.operations()) {
                if (!op.path().startsWith("/api/")) {
                    continue;
                }
                List<Map<String, String>> pathFills = new ArrayList<>();
                if (op.pathParams().isEmpty()) {
                    pathFills.add(Map.of());
                } else {
                    for (String id : idsOfA.values()) {
                        Map<String, String> fill = new LinkedHashMap<>();
                        op.pathParams().forEach(p -> fill.put(p.name(), id));
                        pathFills.add(fill);
                    }
                }
                for (Map<String, String> fill : pathFills) {
                    if (!"GET".equals(op.method()) && fill.isEmpty()) {
                        continue; // B's writes to its own collections are B's business
                    }
                    HostileRequests requests =
                            new HostileRequests(doc.root(), op, tokenB, List.of(), (o, p) -> fill.get(p.name()));
                    HostileRequests.Attempt attempt = requests.baseline();
                    HostileInputTest.Outcome outcome = HostileInputTest.send(base, attempt);
                    probes++;
                    String body = outcome.body();
                    // A problem detail may echo the identifier B sent; any other identifier of A is a leak.
                    boolean leaked = body.contains(marker)
                            || idsOfA.values().stream()
                                    .filter(id -> !fill.containsValue(id))
                                    .anyMatch(body::contains);
                    boolean reached = !fill.isEmpty() && outcome.status() >= 200 && outcome.status() < 300;
                    if (leaked || reached || outcome.status() >= 500) {
                        leaks.add(op + " " + fill + " -> " + outcome.status() + " " + HostileRequests.abbreviate(body));
                    }
                }
            }
        }
        System.out.printf("tenant isolation: %d probes by tenant B over the four services%n", probes);
        assertTrue(probes > 40, "every service's operations were probed");
        assertTrue(leaks.isEmpty(), "tenant B reached tenant A's data:\n" + String.join("\n", leaks));

        // A's data is unchanged by B's attempts.
        Api.as(tokenA)
                .get(evidence + "/api/v1/evidence/" + evidenceId)
                .then()
                .statusCode(200)
                .body("title", equalTo(marker + " evidence"))
                .body("state", equalTo("submitted"));
        JsonPath after = Api.as(tokenA)
                .get(evidence + "/api/v1/samples/" + idsOfA.get("sample"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertNull(after.get("items[0].result"), "B did not record a result on A's sample");
        Api.verifyLedger(evidence, tokenA).then().statusCode(200).body("valid", equalTo(true));
        Api.verifyAudit(vault, tokenA).then().statusCode(200).body("valid", equalTo(true));
        assertTrue(new String(
                                Api.as(tokenB)
                                        .get(RunningSuite.baseUrl("reporting") + "/api/v1/dashboard")
                                        .then()
                                        .statusCode(200)
                                        .extract()
                                        .asByteArray(),
                                StandardCharsets.UTF_8)
                        .indexOf(marker)
                < 0);
    }
}
