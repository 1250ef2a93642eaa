package org.compliancesuite.catalog.access;

import static org.compliancesuite.catalog.Api.as;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.stream.Stream;
import org.compliancesuite.catalog.Api;
import org.compliancesuite.catalog.Operations;
import org.compliancesuite.catalog.Operations.Operation;
import org.compliancesuite.common.testing.TokenMatrix;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The token matrix over every operation of the API, and one read rule for all of them: every role that reads
 * compliance data (grc-admin, compliance-manager, auditor, security-officer) reads every catalog read endpoint;
 * evidence-collector reads the catalog content it links evidence to; only grc-admin and compliance-manager write.
 */
@QuarkusTest
class AccessTest {

    static List<Operation> operations() {
        return Operations.all();
    }

    static Stream<Arguments> readsByRole() {
        return Operations.reads().stream()
                .flatMap(op -> Operations.READERS.stream().map(role -> Arguments.of(op, role)));
    }

    static Stream<Arguments> writesByRefusedRole() {
        return Operations.all().stream()
                .filter(op -> !op.read())
                .flatMap(op -> Operations.NON_WRITERS.stream().map(role -> Arguments.of(op, role)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void everyOperationRefusesBadTokensAndTheWrongRole(Operation op) {
        String allowed = op.read() ? "security-officer" : "compliance-manager";
        String denied = op.read() ? "phi-reader" : "auditor";
        TokenMatrix.assertRefusals(
                token -> request(TokenMatrix.bearer(token), op), op.method(), op.path(), "acme", allowed, denied);
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("readsByRole")
    void everyReaderRoleReadsEveryReadEndpoint(Operation op, String role) {
        as(Api.newTenant(), role).when().get(op.path()).then().statusCode(200);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void evidenceCollectorsReadTheCatalogContentOnly(Operation op) {
        int expected = op.collectorReads() ? 200 : 403;
        request(as(Api.newTenant(), "evidence-collector"), op)
                .when()
                .request(op.method(), op.path())
                .then()
                .statusCode(expected);
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("writesByRefusedRole")
    void onlyGrcAdminsAndComplianceManagersWrite(Operation op, String role) {
        request(as(Api.newTenant(), role), op)
                .when()
                .request(op.method(), op.path())
                .then()
                .statusCode(403)
                .body("status", equalTo(403));
    }

    private static RequestSpecification request(RequestSpecification spec, Operation op) {
        if (op.body() == null) {
            return spec;
        }
        return spec.contentType(ContentType.JSON).body(op.body());
    }
}
