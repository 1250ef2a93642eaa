package org.compliancesuite.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** What a person gets from {@code ./suite up}: four ready services that honour the printed token and refuse none. */
@Order(1)
class SuiteUpTest {

    static RunningSuite suite;
    static String adminToken;

    @BeforeAll
    static void up() {
        suite = RunningSuite.get();
        String[] lines = suite.upOutput().strip().split("\n");
        adminToken = lines[lines.length - 1].trim();
    }

    @Test
    void printsTheFourUrlsAndAToken() {
        for (String service : RunningSuite.SERVICES) {
            assertTrue(suite.upOutput().contains(RunningSuite.baseUrl(service)), service + " URL printed");
        }
        assertTrue(adminToken.matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+"), "a JWT is printed last");
    }

    @Test
    void everyServiceIsReady() {
        for (String service : RunningSuite.SERVICES) {
            given().when()
                    .get(RunningSuite.baseUrl(service) + "/q/health/ready")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("UP"));
        }
    }

    @Test
    void catalogAnswersThePrintedTokenAndRefusesNone() {
        given().auth()
                .oauth2(adminToken)
                .when()
                .get(RunningSuite.baseUrl("catalog") + "/api/v1/frameworks")
                .then()
                .statusCode(200)
                .body("id", hasItem("iso27001-2022"));
        given().when()
                .get(RunningSuite.baseUrl("catalog") + "/api/v1/frameworks")
                .then()
                .statusCode(401);
    }

    @Test
    void evidenceAnswersThePrintedToken() {
        given().auth()
                .oauth2(adminToken)
                .when()
                .get(RunningSuite.baseUrl("evidence") + "/api/v1/freshness/controls")
                .then()
                .statusCode(200);
        given().when()
                .get(RunningSuite.baseUrl("evidence") + "/api/v1/freshness/controls")
                .then()
                .statusCode(401);
    }

    @Test
    void vaultServiceAnswersThePrintedToken() {
        given().auth()
                .oauth2(adminToken)
                .when()
                .get(RunningSuite.baseUrl("vault") + "/api/v1/keys")
                .then()
                .statusCode(200);
        given().when()
                .get(RunningSuite.baseUrl("vault") + "/api/v1/keys")
                .then()
                .statusCode(401);
    }

    @Test
    void reportingComputesTheDashboardFromTheOtherServices() {
        given().auth()
                .oauth2(adminToken)
                .when()
                .get(RunningSuite.baseUrl("reporting") + "/api/v1/dashboard")
                .then()
                .statusCode(200)
                .body("frameworks", notNullValue());
        given().when()
                .get(RunningSuite.baseUrl("reporting") + "/api/v1/dashboard")
                .then()
                .statusCode(401);
    }
}
