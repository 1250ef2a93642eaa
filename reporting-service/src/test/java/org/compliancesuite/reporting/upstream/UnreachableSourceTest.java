package org.compliancesuite.reporting.upstream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.compliancesuite.common.security.Roles;
import org.compliancesuite.reporting.Fixture;
import org.compliancesuite.reporting.dashboard.DashboardTest;
import org.junit.jupiter.api.Test;

/**
 * A dependency whose port refuses connections is unreachable (503 naming it), told apart from one that accepts and
 * then does not answer (503 "did not answer in time", DashboardTest) by the exception types, not their messages.
 */
@QuarkusTest
@QuarkusTestResource(UpstreamStubResource.class)
@TestProfile(UnreachableSourceTest.VaultRefusesConnections.class)
class UnreachableSourceTest {

    /** Points the vault client at a local port nothing listens on. */
    public static class VaultRefusesConnections implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            int port;
            try (ServerSocket probe = new ServerSocket(0)) {
                port = probe.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("quarkus.rest-client.vault.url", "http://127.0.0.1:" + port + "/vault");
        }
    }

    @Test
    void aRefusedConnectionIsAnUnreachableDependency() {
        Fixture f = DashboardTest.standard("refused");
        given().auth()
                .oauth2(f.token(Roles.AUDITOR))
                .get("/api/v1/dashboard")
                .then()
                .statusCode(503)
                .contentType(startsWith("application/problem+json"))
                .header("Retry-After", equalTo("10"))
                .body("detail", equalTo("vault-service is unreachable"))
                .body("overall", nullValue());
    }

    @Test
    void timeoutsAreRecognisedByTypeWhateverTheirMessage() {
        assertTrue(Sources.timedOut(new jakarta.ws.rs.ProcessingException(new TimeoutException("no words"))));
        assertTrue(Sources.timedOut(new jakarta.ws.rs.ProcessingException(new SocketTimeoutException())));
        assertTrue(Sources.timedOut(new RuntimeException(new io.netty.channel.ConnectTimeoutException("x"))));
        // A refusal that happens to mention a timeout in its message is not one.
        assertFalse(Sources.timedOut(
                new jakarta.ws.rs.ProcessingException(new ConnectException("refused before the timeout"))));
    }
}
