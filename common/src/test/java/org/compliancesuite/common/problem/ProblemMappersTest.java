package org.compliancesuite.common.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class ProblemMappersTest {

    private final ProblemMappers mappers = new ProblemMappers();

    @Test
    void lostOrRefusedDatabaseConnectionsAre503WithRetryAfter() {
        for (String state : new String[] {"08001", "08006", "57P01", "57P03", "53300"}) {
            Response response = mappers.unexpected(wrapped(new SQLException("gone", state)), null);
            assertEquals(503, response.getStatus(), state);
            assertEquals("5", response.getHeaderString("Retry-After"), state);
            assertEquals(503, ((Problem) response.getEntity()).status());
        }
        Response exhausted = mappers.unexpected(
                wrapped(new SQLException("Acquisition timeout while waiting for new connection")), null);
        assertEquals(503, exhausted.getStatus());
    }

    @Test
    void aCommitLostWithTheDatabaseIs503() {
        // How Narayana reports a commit whose connection PostgreSQL terminated: the driver's error is not a cause of
        // the RollbackException, only of the XAException it suppressed (seen in the PostgreSQL outage system test).
        Exception rollback = new IllegalStateException("ARJUNA016053: Could not commit transaction.");
        rollback.addSuppressed(new Exception(
                "Error trying to transactionCommit local transaction",
                new SQLException("FATAL: terminating connection due to administrator command", "57P01")));
        Response response = mappers.unexpected(new RuntimeException("transaction failed", rollback), null);
        assertEquals(503, response.getStatus());
        assertEquals("5", response.getHeaderString("Retry-After"));
    }

    @Test
    void textPostgresCannotStoreIs400WithoutDetailsOfTheQuery() {
        Response response = mappers.unexpected(
                wrapped(new SQLException(
                        "ERROR: invalid byte sequence for encoding \"UTF8\": 0x00 select ...", "22021")),
                null);
        assertEquals(400, response.getStatus());
        Problem problem = (Problem) response.getEntity();
        assertEquals("the request contains characters that cannot be stored", problem.detail());
    }

    @Test
    void aLostRaceOnAUniqueKeyIs409WithoutTheConstraintName() {
        Response response = mappers.unexpected(
                wrapped(new SQLException(
                        "ERROR: duplicate key value violates unique constraint \"soa_snapshot_version\"", "23505")),
                null);
        assertEquals(409, response.getStatus());
        Problem problem = (Problem) response.getEntity();
        assertEquals("a record with the same identity already exists", problem.detail());
        assertNull(problem.correlationId());
    }

    @Test
    void otherFailuresStay500WithACorrelationId() {
        Response response = mappers.unexpected(wrapped(new SQLException("check failed", "23514")), null);
        assertEquals(500, response.getStatus());
        assertNull(response.getHeaderString("Retry-After"));
        Problem problem = (Problem) response.getEntity();
        assertEquals(36, problem.correlationId().length());
        assertEquals(
                500, mappers.unexpected(new IllegalStateException("bug"), null).getStatus());
    }

    private static RuntimeException wrapped(SQLException cause) {
        return new RuntimeException("transaction failed", new PersistenceException("JDBC exception", cause));
    }
}
