package org.compliancesuite.vault.logging;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.compliancesuite.common.security.Roles;
import org.compliancesuite.common.testing.TestTokens;
import org.compliancesuite.vault.testing.TransitTestResource;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.Logger;
import org.junit.jupiter.api.Test;

/** Sends PHI through every operation, with Vault failing part of the time, and scans all logs for what was sent. */
@QuarkusTest
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
            if (record instanceof org.jboss.logmanager.ExtLogRecord ext) {
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
    void noPlaintextCiphertextOrTokenReachesTheLogs() throws Exception {
        Capture capture = new Capture();
        capture.setLevel(Level.ALL);
        Logger root = LogContext.getLogContext().getLogger("");
        root.addHandler(capture);
        String plaintext = "SSN-987-65-4321-Zebulon-Quartermaine";
        String b64 = Base64.getEncoder().encodeToString(plaintext.getBytes(StandardCharsets.UTF_8));
        String encryptor = TestTokens.token("logscan", Roles.PHI_ENCRYPTOR);
        String reader = TestTokens.token("logscan", Roles.PHI_READER);
        String ciphertext;
        String rewrapped;
        try {
            ciphertext = given().auth()
                    .oauth2(encryptor)
                    .contentType(ContentType.JSON)
                    .body(Map.of("plaintext", b64, "record", "patient/77", "field", "ssn", "dataSubject", "Zebulon"))
                    .when()
                    .post("/api/v1/phi/encrypt")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("ciphertext");
            given().auth()
                    .oauth2(reader)
                    .header("X-Purpose-Of-Use", "treatment")
                    .contentType(ContentType.JSON)
                    .body(Map.of("ciphertext", ciphertext, "record", "patient/77", "field", "ssn"))
                    .when()
                    .post("/api/v1/phi/decrypt")
                    .then()
                    .statusCode(200);
            given().auth()
                    .oauth2(reader)
                    .contentType(ContentType.JSON)
                    .body(Map.of("value", plaintext, "field", "ssn"))
                    .when()
                    .post("/api/v1/phi/blind-index")
                    .then()
                    .statusCode(200);
            String officer = TestTokens.token("logscan", Roles.SECURITY_OFFICER);
            given().auth()
                    .oauth2(officer)
                    .when()
                    .post("/api/v1/keys/phi/rotate")
                    .then()
                    .statusCode(200);
            given().auth()
                    .oauth2(officer)
                    .contentType(ContentType.JSON)
                    .body(Map.of("rotationPeriodDays", 30))
                    .when()
                    .put("/api/v1/keys/phi/config")
                    .then()
                    .statusCode(200);
            given().auth().oauth2(officer).when().get("/api/v1/keys").then().statusCode(200);
            rewrapped = given().auth()
                    .oauth2(encryptor)
                    .contentType(ContentType.JSON)
                    .body(Map.of("ciphertext", ciphertext, "record", "patient/77", "field", "ssn"))
                    .when()
                    .post("/api/v1/phi/rewrap")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("ciphertext");
            given().auth()
                    .oauth2(reader)
                    .header("X-Purpose-Of-Use", "treatment")
                    .contentType(ContentType.JSON)
                    .body(Map.of(
                            "ciphertext", rewrapped, "record", "patient/77", "field", "ssn", "dataSubject", "Zebulon"))
                    .when()
                    .post("/api/v1/phi/decrypt")
                    .then()
                    .statusCode(200);
            given().auth()
                    .oauth2(officer)
                    .contentType(ContentType.JSON)
                    .body(Map.of("dataSubject", "Zebulon", "reason", "erasure of " + plaintext))
                    .when()
                    .post("/api/v1/phi/subjects/shred")
                    .then()
                    .statusCode(200);
            given().auth()
                    .oauth2(reader)
                    .header("X-Purpose-Of-Use", "treatment")
                    .contentType(ContentType.JSON)
                    .body(Map.of("ciphertext", rewrapped, "record", "patient/77", "field", "ssn"))
                    .when()
                    .post("/api/v1/phi/decrypt")
                    .then()
                    .statusCode(422);
            given().auth()
                    .oauth2(reader)
                    .contentType(ContentType.JSON)
                    .body(Map.of("value", " - ", "field", plaintext.substring(0, 12)))
                    .when()
                    .post("/api/v1/phi/blind-index")
                    .then()
                    .statusCode(422);
            given().auth()
                    .oauth2(reader)
                    .header("X-Purpose-Of-Use", "treatment")
                    .contentType(ContentType.JSON)
                    .body("{\"ciphertext\": \"" + ciphertext + "\", \"record\": \"patient/77\", \"unknown\": \""
                            + plaintext + "\"}")
                    .when()
                    .post("/api/v1/phi/decrypt")
                    .then()
                    .statusCode(400);
            TransitTestResource.server().seal();
            given().auth()
                    .oauth2(encryptor)
                    .contentType(ContentType.JSON)
                    .body(Map.of("plaintext", b64, "record", "patient/78", "dataSubject", "Zebulon-2"))
                    .when()
                    .post("/api/v1/phi/encrypt")
                    .then()
                    .statusCode(503);
            given().auth()
                    .oauth2(reader)
                    .header("X-Purpose-Of-Use", "treatment")
                    .contentType(ContentType.JSON)
                    .body(Map.of("ciphertext", ciphertext, "record", "patient/77", "field", "ssn"))
                    .when()
                    .post("/api/v1/phi/decrypt");
        } finally {
            TransitTestResource.server().unseal();
            root.removeHandler(capture);
        }

        assertFalse(capture.lines.isEmpty(), "the capture saw the service's logs");
        assertTrue(capture.lines.stream().anyMatch(l -> l.contains("Vault")), "the outage was logged");
        String sealedBody = ciphertext.substring(ciphertext.lastIndexOf(':') + 1);
        String rewrappedKey = rewrapped.split(":")[5];
        for (String line : capture.lines) {
            for (String secret : List.of(
                    plaintext,
                    b64,
                    "Zebulon",
                    ciphertext,
                    sealedBody,
                    rewrapped,
                    rewrappedKey,
                    encryptor,
                    reader,
                    encryptor.substring(encryptor.lastIndexOf('.') + 1),
                    TransitTestServerToken.VALUE)) {
                assertFalse(line.contains(secret), "a log line contains a value the test sent: " + line);
            }
        }
    }

    /** The Vault token the service uses in tests must not be logged either. */
    private static final class TransitTestServerToken {
        static final String VALUE = org.compliancesuite.vault.testing.TransitTestServer.ROOT_TOKEN;
    }
}
