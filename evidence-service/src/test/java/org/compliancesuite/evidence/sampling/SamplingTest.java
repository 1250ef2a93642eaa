package org.compliancesuite.evidence.sampling;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.compliancesuite.common.testing.TestTokens;
import org.compliancesuite.common.testing.TokenMatrix;
import org.compliancesuite.evidence.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SamplingTest {

    private static final String TENANT = "acme-sampling";

    private static boolean populated;

    /** Once per class, after the application is up: 30 daily occurrences of mfa and 3 monthly of encryption. */
    @BeforeEach
    void population() {
        if (populated) {
            return;
        }
        populated = true;
        Instant start = Instant.parse("2026-03-01T08:00:00Z");
        for (int day = 0; day < 30; day++) {
            TestData.record(
                    TENANT,
                    "daily mfa " + day,
                    List.of("mfa"),
                    start.plus(day, ChronoUnit.DAYS).toString());
        }
        String rejected = TestData.record(TENANT, "rejected", List.of("mfa"), start.toString());
        TestData.review(TENANT, rejected, "rejected");
        for (int month = 0; month < 3; month++) {
            TestData.record(
                    TENANT,
                    "monthly " + month,
                    List.of("encryption-at-rest"),
                    start.plus(month * 31L, ChronoUnit.DAYS).toString());
        }
    }

    @Test
    void theSampleSizeFollowsFrequencyAndTheSeedReproducesTheDraw() {
        JsonPath first = draw("mfa", "2026-03-01", "2026-03-31", null)
                .body("sample.frequency", equalTo("daily"))
                .body("sample.populationSize", equalTo(30))
                .body("sample.sampleSize", equalTo(25))
                .body("sample.items", hasSize(25))
                .body("sampleSizes.daily", equalTo(25))
                .body("sampleSizes.continuous", equalTo(40))
                .body("selection", containsString("java.util.Random(seed)"))
                .extract()
                .jsonPath();
        long seed = first.getLong("sample.seed");
        List<String> drawn = first.getList("sample.items.evidenceId");
        assertEquals(25, new HashSet<>(drawn).size());

        List<String> again = draw("mfa", "2026-03-01", "2026-03-31", seed)
                .extract()
                .jsonPath()
                .getList("sample.items.evidenceId");
        assertEquals(drawn, again);
        List<String> other = draw("mfa", "2026-03-01", "2026-03-31", seed + 1)
                .extract()
                .jsonPath()
                .getList("sample.items.evidenceId");
        assertNotEquals(drawn, other);

        draw("encryption-at-rest", "2026-03-01", "2026-05-31", 7L)
                .body("sample.frequency", equalTo("monthly"))
                .body("sample.populationSize", equalTo(3))
                .body("sample.sampleSize", equalTo(2));
    }

    @Test
    void thePopulationIsStoredSoTheDrawCanBeRepeatedAfterTheEvidenceChanged() {
        String tenant = "acme-sampling-population";
        Instant start = Instant.parse("2026-04-01T08:00:00Z");
        for (int day = 0; day < 8; day++) {
            TestData.record(
                    tenant,
                    "population " + day,
                    List.of("audit-logging"),
                    start.plus(day, ChronoUnit.DAYS).toString());
        }
        JsonPath drawn = given().auth()
                .oauth2(TestData.auditor(tenant))
                .contentType(ContentType.JSON)
                .body(Map.of("controlId", "audit-logging", "periodStart", "2026-04-01", "periodEnd", "2026-04-30"))
                .when()
                .post("/api/v1/samples")
                .then()
                .statusCode(201)
                .body("sample.populationSize", equalTo(8))
                .body("sample.populationIds", hasSize(8))
                .extract()
                .jsonPath();
        String id = drawn.getString("sample.id");
        List<String> population = drawn.getList("sample.populationIds");

        // one member is rejected after the draw: a new draw would see another population, the sample keeps its own
        TestData.review(tenant, population.get(3), "rejected");
        JsonPath stored = given().auth()
                .oauth2(TestTokens.token(tenant, "security-officer"))
                .when()
                .get("/api/v1/samples/" + id)
                .then()
                .statusCode(200)
                .body("populationSize", equalTo(8))
                .extract()
                .jsonPath();
        assertEquals(population, stored.getList("populationIds"));
        List<UUID> members = population.stream().map(UUID::fromString).toList();
        List<String> repeated =
                Sampling.shuffleHead(members, stored.getInt("sampleSize"), stored.getLong("seed")).stream()
                        .map(UUID::toString)
                        .toList();
        assertEquals(stored.getList("items.evidenceId"), repeated, "the draw is repeated from the stored population");
        draw(tenant, "audit-logging", stored.getLong("seed")).body("sample.populationSize", equalTo(7));

        given().auth()
                .oauth2(TestData.auditor(tenant))
                .when()
                .get("/api/v1/samples")
                .then()
                .statusCode(200)
                .body("[0].populationSize", notNullValue())
                .body("[0]", not(hasKey("populationIds")));
    }

    @Test
    void theAuditorRecordsResultsAndExceptionsAreKept() {
        JsonPath sample = draw("mfa", "2026-03-01", "2026-03-10", 42L).extract().jsonPath();
        String id = sample.getString("sample.id");
        String firstItem = sample.getString("sample.items[0].id");
        String secondItem = sample.getString("sample.items[1].id");

        result(id, secondItem, Map.of("result", "exception")).statusCode(422);
        result(id, firstItem, Map.of("result", "pass")).statusCode(200);
        result(id, secondItem, Map.of("result", "exception", "note", "no approval recorded"))
                .statusCode(200)
                .body("items[1].result", equalTo("exception"))
                .body("items[1].note", equalTo("no approval recorded"))
                .body("items[1].testedBy", equalTo("auditor-ann"));
        result(id, secondItem, Map.of("result", "pass")).statusCode(409);

        given().auth()
                .oauth2(TestData.manager(TENANT))
                .queryParam("controlId", "mfa")
                .queryParam("from", "2026-03-05")
                .queryParam("to", "2026-03-06")
                .when()
                .get("/api/v1/samples")
                .then()
                .statusCode(200)
                .body("find { it.id == '" + id + "' }.items[1].result", equalTo("exception"))
                .body("find { it.id == '" + id + "' }.seed", equalTo(42));
        given().auth()
                .oauth2(TestData.auditor("globex"))
                .when()
                .get("/api/v1/samples/" + id)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(TestTokens.builder("globex", "auditor").sign())
                .contentType(ContentType.JSON)
                .body(Map.of("result", "pass"))
                .when()
                .put("/api/v1/samples/" + id + "/items/" + firstItem)
                .then()
                .statusCode(404);
    }

    @Test
    void unknownControlIsRefused() {
        draw("no-such-control", "2026-03-01", "2026-03-31", null).statusCode(422);
    }

    @Test
    void refusesBadTokens() {
        TokenMatrix.assertRefusals(
                TokenMatrix::bearer, "GET", "/api/v1/samples", TENANT, "auditor", "evidence-collector");
        TokenMatrix.assertRefusals(
                token -> TokenMatrix.bearer(token)
                        .contentType(ContentType.JSON)
                        .body(Map.of("controlId", "mfa", "periodStart", "2026-03-01", "periodEnd", "2026-03-31")),
                "POST",
                "/api/v1/samples",
                TENANT,
                "auditor",
                "grc-admin");
    }

    private ValidatableResponse draw(String control, String from, String to, Long seed) {
        Map<String, Object> body = new HashMap<>(Map.of("controlId", control, "periodStart", from, "periodEnd", to));
        if (seed != null) {
            body.put("seed", seed);
        }
        var response = given().auth()
                .oauth2(TestData.auditor(TENANT))
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/api/v1/samples")
                .then();
        return control.equals("no-such-control") ? response : response.statusCode(201);
    }

    private ValidatableResponse result(String sample, String item, Map<String, Object> body) {
        return given().auth()
                .oauth2(TestTokens.builder(TENANT, "auditor")
                        .subject("auditor-ann")
                        .sign())
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .put("/api/v1/samples/" + sample + "/items/" + item)
                .then();
    }

    private static ValidatableResponse draw(String tenant, String control, long seed) {
        return given().auth()
                .oauth2(TestData.auditor(tenant))
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "controlId", control, "periodStart", "2026-04-01", "periodEnd", "2026-04-30", "seed", seed))
                .when()
                .post("/api/v1/samples")
                .then()
                .statusCode(201);
    }
}
