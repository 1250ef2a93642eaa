package org.compliancesuite.reporting;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.compliancesuite.common.security.Roles;
import org.compliancesuite.reporting.dashboard.DashboardTest;
import org.compliancesuite.reporting.soa.SoaTest;
import org.compliancesuite.reporting.upstream.UpstreamStub;
import org.compliancesuite.reporting.upstream.UpstreamStubResource;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.Logger;
import org.junit.jupiter.api.Test;

/**
 * Sends requests that succeed, fail upstream, race and are refused, each carrying values a log must never show (the
 * bearer token that reporting-service propagates, the names in a breach plan and an issued statement), and scans
 * everything logged meanwhile, messages, parameters and stack traces alike.
 */
@QuarkusTest
@QuarkusTestResource(UpstreamStubResource.class)
class LogScanTest {

    private static final class Capture extends Handler {
        final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public void publish(LogRecord record) {
            StringBuilder line = new StringBuilder(String.valueOf(record.getMessage()));
            if (record.getParameters() != null) {
                for (Object parameter : record.getParameters()) {
                    line.append(' ').append(parameter);
                }
            }
            if (record instanceof ExtLogRecord ext) {
                line.append(' ').append(ext.getFormattedMessage());
            }
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                line.append(' ').append(trace);
            }
            lines.add(line.toString());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }

    @Test
    void tokensAndTheNamesInRequestBodiesNeverReachTheLogs() {
        String official = "Special-Agent-Zebulon-Quartermaine";
        String approver = "Approver-Philomena-Cartwright";
        String bodySecret = "body-secret-4d2f9a";
        Fixture f = DashboardTest.standard("logscan");
        Fixture iso = SoaTest.isoTenant("logscan-iso");
        String token = f.token(Roles.COMPLIANCE_MANAGER, Roles.SECURITY_OFFICER);
        String isoToken = iso.token(Roles.COMPLIANCE_MANAGER);

        Capture capture = new Capture();
        capture.setLevel(Level.ALL);
        Logger root = LogContext.getLogContext().getLogger("");
        root.addHandler(capture);
        try {
            given().auth().oauth2(token).get("/api/v1/dashboard").then().statusCode(200);
            // Upstream failures are logged (WARN): the log names the service, never the token sent to it.
            UpstreamStub.fail(f.tenant, Fixture.EVIDENCE + "/monitors/latest", 500);
            given().auth()
                    .oauth2(f.token(Roles.AUDITOR))
                    .get("/api/v1/dashboard")
                    .then()
                    .statusCode(502);
            f.monitors();
            UpstreamStub.hang(f.tenant, Fixture.VAULT + "/keys");
            given().auth()
                    .oauth2(f.token(Roles.GRC_ADMIN))
                    .get("/api/v1/dashboard")
                    .then()
                    .statusCode(503);

            Map<String, Object> delay = Fixture.map(
                    "statementKind", "written",
                    "statementDate", "2026-03-20",
                    "delayUntil", "2026-04-19",
                    "official", official);
            given().auth()
                    .oauth2(token)
                    .contentType(ContentType.JSON)
                    .body(Fixture.map(
                            "discoveryDate",
                            "2026-03-10",
                            "affectedByState",
                            Fixture.map("CA", 600),
                            "lawEnforcementDelay",
                            delay))
                    .queryParam("format", "pdf")
                    .post("/api/v1/reports/hipaa/breach-plan")
                    .then()
                    .statusCode(200);
            given().auth()
                    .oauth2(token)
                    .contentType(ContentType.JSON)
                    .body(Fixture.map("discoveryDate", "2026-03-10", "affectedByState", Fixture.map("CA", bodySecret)))
                    .post("/api/v1/reports/hipaa/breach-plan")
                    .then()
                    .statusCode(422);
            given().auth()
                    .oauth2(token)
                    .contentType(ContentType.JSON)
                    .body("{\"discoveryDate\": \"2026-03-10\", \"" + bodySecret + "\": 1, \"affectedByState\": {}}")
                    .post("/api/v1/reports/hipaa/breach-plan")
                    .then()
                    .statusCode(422);
            given().auth()
                    .oauth2(token)
                    .contentType(ContentType.JSON)
                    .body("{\"discoveryDate\": \"" + bodySecret)
                    .post("/api/v1/reports/hipaa/breach-plan")
                    .then()
                    .statusCode(400);

            for (int i = 0; i < 2; i++) {
                given().auth()
                        .oauth2(isoToken)
                        .contentType(ContentType.JSON)
                        .body(Map.of("version", "2026.logs", "approver", approver))
                        .post("/api/v1/reports/iso27001/soa/snapshots")
                        .then()
                        .statusCode(i == 0 ? 201 : 409);
            }
            given().auth()
                    .oauth2(token)
                    .contentType(ContentType.JSON)
                    .body(Map.of("frameworks", List.of(bodySecret)))
                    .put("/api/v1/dashboard/scope")
                    .then()
                    .statusCode(422);
            given().auth()
                    .oauth2(token + "tampered")
                    .get("/api/v1/dashboard")
                    .then()
                    .statusCode(401);
        } finally {
            root.removeHandler(capture);
        }

        assertFalse(capture.lines.isEmpty(), "the capture saw the service's logs");
        assertTrue(
                capture.lines.stream().anyMatch(l -> l.contains("evidence-service answered HTTP 500")),
                "the upstream failure was logged");
        assertTrue(
                capture.lines.stream().anyMatch(l -> l.contains("Statement of Applicability 2026.logs issued")),
                "the issue was logged");
        for (String line : capture.lines) {
            for (String secret : List.of(
                    token,
                    isoToken,
                    token.substring(token.lastIndexOf('.') + 1),
                    token.substring(token.indexOf('.') + 1, token.lastIndexOf('.')),
                    official,
                    approver,
                    bodySecret)) {
                assertFalse(line.contains(secret), "a log line contains a value the test sent: " + line);
            }
        }
    }
}
