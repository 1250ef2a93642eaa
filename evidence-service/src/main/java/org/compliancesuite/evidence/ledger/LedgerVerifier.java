package org.compliancesuite.evidence.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.compliancesuite.common.chain.HashChain;

/**
 * Recomputes a tenant's chain from the stored columns, then every live content's SHA-256 against the digest its
 * {@code created} entry recorded, then each checkpoint's signature and hash. Everything is read from one snapshot and
 * streamed with a cursor, so memory stays flat and the cost is linear in entries plus content bytes.
 */
@ApplicationScoped
public class LedgerVerifier {

    private static final int FETCH_SIZE = 2000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AgroalDataSource dataSource;

    public LedgerVerification verify(String tenant, boolean contents) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            try {
                return verify(connection, tenant, contents);
            } finally {
                connection.rollback();
                connection.setReadOnly(false);
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("ledger verification could not read the database", e);
        }
    }

    private LedgerVerification verify(Connection connection, String tenant, boolean contents) throws SQLException {
        Map<Long, String> checkpointSequences = checkpointSequences(connection, tenant);
        Map<Long, String> recomputedAtCheckpoint = new HashMap<>();
        LedgerVerification.BrokenEntry broken = null;
        long checked = 0;
        String running = HashChain.GENESIS;

        try (PreparedStatement entries = connection.prepareStatement(
                "SELECT sequence, event, evidence_id, content_sha256, actor, occurred_at, details, previous_hash, hash"
                        + " FROM ledger_entry WHERE tenant = ? ORDER BY sequence")) {
            entries.setFetchSize(FETCH_SIZE);
            entries.setString(1, tenant);
            try (ResultSet rs = entries.executeQuery()) {
                while (broken == null && rs.next()) {
                    long sequence = rs.getLong(1);
                    UUID evidenceId = (UUID) rs.getObject(3);
                    LedgerEvent event = new LedgerEvent(
                            tenant,
                            rs.getString(2),
                            evidenceId,
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getString(7));
                    String id = evidenceId == null ? null : evidenceId.toString();
                    if (sequence != checked + 1) {
                        broken = new LedgerVerification.BrokenEntry(checked + 1, id, "entry missing");
                    } else if (!running.equals(rs.getString(8))) {
                        broken = new LedgerVerification.BrokenEntry(sequence, id, "previous hash does not link");
                    } else if (!HashChain.link(running, sequence, event.canonical())
                            .equals(rs.getString(9))) {
                        broken = new LedgerVerification.BrokenEntry(sequence, id, "entry altered");
                    } else {
                        running = rs.getString(9);
                        checked++;
                        if (checkpointSequences.containsKey(sequence)) {
                            recomputedAtCheckpoint.put(sequence, running);
                        }
                    }
                }
            }
        }

        long headSequence = 0;
        String headHash = HashChain.GENESIS;
        try (PreparedStatement head =
                connection.prepareStatement("SELECT sequence, head_hash FROM ledger_head WHERE tenant = ?")) {
            head.setString(1, tenant);
            try (ResultSet rs = head.executeQuery()) {
                if (rs.next()) {
                    headSequence = rs.getLong(1);
                    headHash = rs.getString(2);
                }
            }
        }
        if (broken == null && (headSequence != checked || !headHash.equals(running))) {
            broken = new LedgerVerification.BrokenEntry(
                    Math.min(headSequence, checked + 1), null, "chain head does not match the last entry");
        }

        long contentsChecked = 0;
        if (contents) {
            ContentCheck check = checkContents(connection, tenant, broken == null ? Long.MAX_VALUE : broken.sequence());
            contentsChecked = check.checked();
            if (check.broken() != null) {
                broken = check.broken();
            }
        }

        int checkpointsChecked = 0;
        for (Checkpoint checkpoint : checkpoints(connection, tenant)) {
            checkpointsChecked++;
            String reason = null;
            if (!Signatures.verify(
                    checkpoint.algorithm,
                    checkpoint.publicKeyPem,
                    checkpoint.signedPayload.getBytes(StandardCharsets.UTF_8),
                    checkpoint.signature)) {
                reason = "checkpoint signature invalid";
            } else if (!payloadStates(checkpoint)) {
                reason = "checkpoint row differs from its signed payload";
            } else if (checkpoint.sequence <= checked
                    && !checkpoint.headHash.equals(recomputedAtCheckpoint.get(checkpoint.sequence))) {
                reason = "chain differs from the signed checkpoint";
            }
            if (reason != null && (broken == null || checkpoint.sequence < broken.sequence())) {
                broken = new LedgerVerification.BrokenEntry(checkpoint.sequence, null, reason);
            }
        }

        return new LedgerVerification(
                broken == null,
                checked,
                contentsChecked,
                checkpointsChecked,
                headSequence,
                headHash,
                broken,
                Instant.now());
    }

    /** The row's sequence and head hash are the ones inside the signed payload. */
    private static boolean payloadStates(Checkpoint checkpoint) {
        try {
            JsonNode payload = JSON.readTree(checkpoint.signedPayload);
            return payload.path("sequence").asLong(-1) == checkpoint.sequence
                    && checkpoint.headHash.equals(payload.path("headHash").asText());
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private record ContentCheck(long checked, LedgerVerification.BrokenEntry broken) {}

    /** Each live content against its stored digest and the digest chained when it was created, in ledger order. */
    private ContentCheck checkContents(Connection connection, String tenant, long before) throws SQLException {
        long checked = 0;
        try (PreparedStatement items = connection.prepareStatement(
                        "SELECT l.sequence, e.id, e.content_id, e.sha256, l.content_sha256 FROM evidence e"
                                + " JOIN ledger_entry l ON l.tenant = e.tenant AND l.evidence_id = e.id"
                                + " AND l.event = 'created' WHERE e.tenant = ? AND e.deleted_at IS NULL"
                                + " AND l.sequence < ? ORDER BY l.sequence");
                PreparedStatement chunks = connection.prepareStatement(
                        "SELECT data FROM content_chunk WHERE content_id = ? ORDER BY chunk_no")) {
            items.setFetchSize(FETCH_SIZE);
            items.setString(1, tenant);
            items.setLong(2, before);
            chunks.setFetchSize(1);
            try (ResultSet rs = items.executeQuery()) {
                while (rs.next()) {
                    long sequence = rs.getLong(1);
                    String evidenceId = rs.getObject(2).toString();
                    String recomputed = sha256(chunks, (UUID) rs.getObject(3));
                    checked++;
                    if (!recomputed.equals(rs.getString(5))) {
                        return new ContentCheck(
                                checked,
                                new LedgerVerification.BrokenEntry(
                                        sequence, evidenceId, "stored content differs from the digest in the ledger"));
                    }
                    if (!recomputed.equals(rs.getString(4))) {
                        return new ContentCheck(
                                checked,
                                new LedgerVerification.BrokenEntry(
                                        sequence, evidenceId, "evidence digest differs from the digest in the ledger"));
                    }
                }
            }
        }
        return new ContentCheck(checked, null);
    }

    private static String sha256(PreparedStatement chunks, UUID contentId) throws SQLException {
        var digest = HashChain.sha256();
        chunks.setObject(1, contentId);
        try (ResultSet rs = chunks.executeQuery()) {
            while (rs.next()) {
                digest.update(rs.getBytes(1));
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static Map<Long, String> checkpointSequences(Connection connection, String tenant) throws SQLException {
        Map<Long, String> sequences = new HashMap<>();
        for (Checkpoint c : checkpoints(connection, tenant)) {
            sequences.put(c.sequence, c.headHash);
        }
        return sequences;
    }

    private static List<Checkpoint> checkpoints(Connection connection, String tenant) throws SQLException {
        List<Checkpoint> result = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT sequence, head_hash, signed_payload, algorithm, signature, public_key_pem"
                        + " FROM ledger_checkpoint WHERE tenant = ? ORDER BY sequence")) {
            select.setString(1, tenant);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    Checkpoint c = new Checkpoint();
                    c.sequence = rs.getLong(1);
                    c.headHash = rs.getString(2);
                    c.signedPayload = rs.getString(3);
                    c.algorithm = rs.getString(4);
                    c.signature = rs.getString(5);
                    c.publicKeyPem = rs.getString(6);
                    result.add(c);
                }
            }
        }
        return result;
    }
}
