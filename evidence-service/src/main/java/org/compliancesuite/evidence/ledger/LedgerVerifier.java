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
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.compliancesuite.common.chain.HashChain;
import org.compliancesuite.evidence.item.ContentStore;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Verifies a tenant's ledger in five steps, all read from one database snapshot and streamed with cursors, so memory
 * stays flat and the cost is linear in entries plus evidence rows plus content bytes:
 *
 * <ol>
 *   <li>the chain: every entry relinked from the stored columns, and the head;
 *   <li>the evidence: each item's entries replayed into the state its row must have, compared with the row and its
 *       link tables (a row changed with SQL differs), and its content rehashed through the {@link ContentStore};
 *   <li>the checkpoint rows against the chain's {@code checkpoint} entries (a deleted or changed row is missing or
 *       differs);
 *   <li>each checkpoint's signature against a trusted key that does not come from the checkpoint row, checked after the
 *       connection is released because vault-service may have to be asked;
 *   <li>when vault-service signs checkpoints (the deployment's signer, or any stored checkpoint row), every checkpoint
 *       it witnessed against the chain: not beyond its head, the same head hash at that sequence, and a checkpoint row
 *       that holds it. vault-service is asked before the snapshot is taken, so no connection is held meanwhile.
 * </ol>
 */
@ApplicationScoped
public class LedgerVerifier {

    private static final int FETCH_SIZE = 2000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ContentStore contentStore;

    @Inject
    CheckpointTrust trust;

    @Inject
    CheckpointWitness witness;

    @ConfigProperty(name = "evidence.checkpoint.signer")
    String signerKind;

    /**
     * @throws org.compliancesuite.common.problem.ProblemException 503 when a checkpoint signed by vault-service is to
     *     be checked and vault-service cannot give its public key or the checkpoints it witnessed
     */
    public LedgerVerification verify(String tenant, boolean contents) {
        Snapshot snapshot;
        try {
            NavigableMap<Long, String> witnessed = asksWitness(tenant) ? witness.heads() : null;
            snapshot = snapshot(tenant, contents, witnessed);
            if (witnessed == null
                    && snapshot.checkpoints.stream().anyMatch(c -> VaultServiceSigner.SERVICE.equals(c.signer))) {
                // a vault-signed row committed between the question and the snapshot: read again with the witness
                snapshot = snapshot(tenant, contents, witness.heads());
            }
            // Contents are rehashed after the snapshot's connection is back in the pool: a verification holds one
            // connection at a time, so concurrent verifications cannot drain the pool waiting for a second one.
            for (PendingContent pending : snapshot.pendingContents) {
                String reason = checkContent(pending);
                snapshot.contentsChecked++;
                if (reason != null) {
                    snapshot.offer(new LedgerVerification.BrokenEntry(
                            pending.createdSequence(), pending.evidenceId().toString(), reason));
                }
            }
            checkCheckpoints(tenant, snapshot);
            checkWitnessed(tenant, snapshot);
        } catch (SQLException e) {
            throw new IllegalStateException("ledger verification could not read the database", e);
        }

        LedgerVerification.BrokenEntry broken = snapshot.broken;
        return new LedgerVerification(
                broken == null,
                snapshot.entriesChecked,
                snapshot.contentsChecked,
                snapshot.checkpoints.size(),
                snapshot.headSequence,
                snapshot.headHash,
                broken,
                Instant.now(),
                snapshot.evidenceChecked,
                snapshot.witnessed == null ? null : snapshot.witnessed.size());
    }

    /**
     * vault-service is the witness when it is the deployment's signer, and for any checkpoint it signed before the
     * signer was changed: its word on those stays the reference.
     */
    private boolean asksWitness(String tenant) throws SQLException {
        if (VaultServiceSigner.SERVICE.equals(signerKind)) {
            return true;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT EXISTS (SELECT 1 FROM ledger_checkpoint WHERE tenant = ? AND signer = ?)")) {
            select.setString(1, tenant);
            select.setString(2, VaultServiceSigner.SERVICE);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** Reads steps 1 to 3 from one REPEATABLE READ snapshot, keeping the chain's hash at each witnessed sequence. */
    private Snapshot snapshot(String tenant, boolean contents, NavigableMap<Long, String> witnessed)
            throws SQLException {
        Snapshot snapshot = new Snapshot();
        snapshot.witnessed = witnessed;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            try {
                snapshot.checkpoints = checkpoints(connection, tenant);
                readChain(connection, tenant, snapshot);
                readEvidence(connection, tenant, contents, snapshot);
            } finally {
                connection.rollback();
                connection.setReadOnly(false);
                connection.setAutoCommit(true);
            }
        }
        return snapshot;
    }

    /** What the reading steps found, and the lowest broken sequence so far. */
    private static final class Snapshot {
        LedgerVerification.BrokenEntry broken;
        long entriesChecked;
        long contentsChecked;
        long evidenceChecked;
        long headSequence;
        String headHash = HashChain.GENESIS;
        /** The recomputed hash at each sequence a checkpoint row signed or vault-service witnessed. */
        final Map<Long, String> hashAt = new HashMap<>();
        /** The head hash vault-service witnessed at each sequence it signed; null when it was not asked. */
        NavigableMap<Long, String> witnessed;

        final Map<String, CheckpointEntry> checkpointEntries = new HashMap<>();
        List<Checkpoint> checkpoints = List.of();
        /** Contents to rehash once the snapshot is closed. */
        final List<PendingContent> pendingContents = new ArrayList<>();

        /** Keeps the lowest sequence; at the same sequence the first reported, which is the more basic step. */
        void offer(LedgerVerification.BrokenEntry candidate) {
            if (broken == null || candidate.sequence() < broken.sequence()) {
                broken = candidate;
            }
        }
    }

    /** A stored content and the digest and size its ledger entries recorded. */
    private record PendingContent(UUID evidenceId, UUID contentId, long createdSequence, String sha256, String size) {}

    /** What a {@code checkpoint} entry says of its checkpoint row. */
    private record CheckpointEntry(
            long entrySequence,
            long sequence,
            String headHash,
            String signedAt,
            String signer,
            String keyId,
            String signatureSha256) {}

    /**
     * Relinks the chain up to its first break. Entries after a break are still read for the checkpoints they record,
     * so that a break is not also reported as missing checkpoints.
     */
    private void readChain(Connection connection, String tenant, Snapshot snapshot) throws SQLException {
        Set<Long> checkpointed = new HashSet<>();
        snapshot.checkpoints.forEach(c -> checkpointed.add(c.sequence));
        if (snapshot.witnessed != null) {
            checkpointed.addAll(snapshot.witnessed.keySet());
        }
        String running = HashChain.GENESIS;
        boolean linked = true;
        try (PreparedStatement entries = connection.prepareStatement(
                "SELECT sequence, event, evidence_id, content_sha256, actor, occurred_at, details, previous_hash, hash"
                        + " FROM ledger_entry WHERE tenant = ? ORDER BY sequence")) {
            entries.setFetchSize(FETCH_SIZE);
            entries.setString(1, tenant);
            try (ResultSet rs = entries.executeQuery()) {
                while (rs.next()) {
                    long sequence = rs.getLong(1);
                    String event = rs.getString(2);
                    UUID evidenceId = (UUID) rs.getObject(3);
                    if (event.equals(LedgerEvent.CHECKPOINT)) {
                        recordCheckpointEntry(sequence, rs.getString(7), snapshot);
                    }
                    if (!linked) {
                        continue;
                    }
                    LedgerEvent entry = new LedgerEvent(
                            tenant,
                            event,
                            evidenceId,
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getString(7));
                    String id = evidenceId == null ? null : evidenceId.toString();
                    long expected = snapshot.entriesChecked + 1;
                    String reason = null;
                    if (sequence != expected) {
                        reason = "entry missing";
                        sequence = expected;
                    } else if (!running.equals(rs.getString(8))) {
                        reason = "previous hash does not link";
                    } else if (!HashChain.link(running, sequence, entry.canonical())
                            .equals(rs.getString(9))) {
                        reason = "entry altered";
                    }
                    if (reason != null) {
                        snapshot.offer(new LedgerVerification.BrokenEntry(sequence, id, reason));
                        linked = false;
                        continue;
                    }
                    running = rs.getString(9);
                    snapshot.entriesChecked++;
                    if (checkpointed.contains(sequence)) {
                        snapshot.hashAt.put(sequence, running);
                    }
                }
            }
        }

        try (PreparedStatement head =
                connection.prepareStatement("SELECT sequence, head_hash FROM ledger_head WHERE tenant = ?")) {
            head.setString(1, tenant);
            try (ResultSet rs = head.executeQuery()) {
                if (rs.next()) {
                    snapshot.headSequence = rs.getLong(1);
                    snapshot.headHash = rs.getString(2);
                }
            }
        }
        if (linked && (snapshot.headSequence != snapshot.entriesChecked || !snapshot.headHash.equals(running))) {
            snapshot.offer(new LedgerVerification.BrokenEntry(
                    Math.min(snapshot.headSequence, snapshot.entriesChecked + 1),
                    null,
                    "chain head does not match the last entry"));
        }
    }

    private static void recordCheckpointEntry(long sequence, String details, Snapshot snapshot) {
        try {
            JsonNode d = JSON.readTree(details);
            snapshot.checkpointEntries.put(
                    d.path("checkpointId").asText(),
                    new CheckpointEntry(
                            sequence,
                            d.path("sequence").asLong(-1),
                            d.path("headHash").asText(null),
                            d.path("signedAt").asText(null),
                            d.path("signer").asText(null),
                            d.path("keyId").asText(null),
                            d.path("signatureSha256").asText(null)));
        } catch (JsonProcessingException e) {
            snapshot.offer(new LedgerVerification.BrokenEntry(sequence, null, "checkpoint entry details are not JSON"));
        }
    }

    /**
     * Merges the tenant's evidence entries (by evidence id, then sequence) with its evidence rows (by id): each item's
     * events are replayed and compared with its row, then its content is rehashed.
     */
    private void readEvidence(Connection connection, String tenant, boolean contents, Snapshot snapshot)
            throws SQLException {
        try (PreparedStatement entries = connection.prepareStatement(
                        "SELECT evidence_id, sequence, event, actor, content_sha256, details FROM ledger_entry"
                                + " WHERE tenant = ? AND evidence_id IS NOT NULL ORDER BY evidence_id, sequence");
                PreparedStatement rows = connection.prepareStatement(RecordedEvidence.ROWS)) {
            entries.setFetchSize(FETCH_SIZE);
            entries.setString(1, tenant);
            rows.setFetchSize(FETCH_SIZE);
            rows.setString(1, tenant);
            try (ResultSet e = entries.executeQuery();
                    ResultSet r = rows.executeQuery()) {
                boolean entry = e.next();
                boolean row = r.next();
                while (entry || row) {
                    UUID entryId = entry ? (UUID) e.getObject(1) : null;
                    UUID rowId = row ? (UUID) r.getObject(1) : null;
                    int order = !entry ? 1 : !row ? -1 : RecordedEvidence.compareIds(entryId, rowId);
                    if (order > 0) {
                        snapshot.offer(new LedgerVerification.BrokenEntry(
                                0, rowId.toString(), "evidence row has no entry in the ledger"));
                        row = r.next();
                        continue;
                    }
                    RecordedEvidence recorded = new RecordedEvidence();
                    do {
                        recorded.apply(e.getLong(2), e.getString(3), e.getString(4), e.getString(5), details(e));
                        entry = e.next();
                    } while (entry && e.getObject(1).equals(entryId));
                    snapshot.evidenceChecked++;
                    if (order < 0) {
                        snapshot.offer(new LedgerVerification.BrokenEntry(
                                Math.max(recorded.createdSequence(), 1), entryId.toString(), "evidence row missing"));
                        continue;
                    }
                    compare(entryId, recorded, r, contents, snapshot);
                    row = r.next();
                }
            }
        }
    }

    private static JsonNode details(ResultSet e) throws SQLException {
        try {
            return JSON.readTree(e.getString(6));
        } catch (JsonProcessingException ex) {
            return null;
        }
    }

    private void compare(UUID id, RecordedEvidence recorded, ResultSet r, boolean contents, Snapshot snapshot)
            throws SQLException {
        if (recorded.eventProblem() != null) {
            snapshot.offer(new LedgerVerification.BrokenEntry(
                    recorded.eventProblemSequence(), id.toString(), recorded.eventProblem()));
            return;
        }
        Map<String, String> row = RecordedEvidence.row(r);
        String field = recorded.firstDifference(row);
        if (field != null) {
            snapshot.offer(new LedgerVerification.BrokenEntry(
                    recorded.setBy(field), id.toString(), "evidence row differs from the ledger: " + field, field));
            return;
        }
        if (contents && row.get("deletedAt") == null) {
            snapshot.pendingContents.add(new PendingContent(
                    id,
                    (UUID) r.getObject(RecordedEvidence.CONTENT_ID_COLUMN),
                    recorded.createdSequence(),
                    recorded.expected("sha256"),
                    recorded.expected("size")));
        }
    }

    /** Null when the stored bytes are the ones the ledger recorded; otherwise why not. */
    private String checkContent(PendingContent pending) throws SQLException {
        String reason;
        if (pending.contentId() == null) {
            reason = "evidence row names no content";
        } else {
            try {
                ContentStore.Digest digest = contentStore.digest(pending.contentId());
                reason = digest.sha256().equals(pending.sha256())
                                && String.valueOf(digest.size()).equals(pending.size())
                        ? null
                        : "stored content differs from the digest in the ledger";
            } catch (ContentStore.IncompleteContentException e) {
                reason = "stored content is incomplete: " + e.getMessage();
            }
        }
        // the store is read outside the snapshot: content deleted at the end of its retention since is not a fault
        return reason != null && deletedSince(pending.evidenceId()) ? null : reason;
    }

    private boolean deletedSince(UUID evidenceId) throws SQLException {
        try (Connection now = dataSource.getConnection();
                PreparedStatement select =
                        now.prepareStatement("SELECT deleted_at IS NOT NULL FROM evidence WHERE id = ?")) {
            select.setObject(1, evidenceId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** Checkpoint rows against their ledger entries, their signed statements, the chain and a trusted key. */
    private void checkCheckpoints(String tenant, Snapshot snapshot) {
        Set<String> rowIds = new HashSet<>();
        for (Checkpoint checkpoint : snapshot.checkpoints) {
            rowIds.add(checkpoint.id.toString());
            CheckpointEntry entry = snapshot.checkpointEntries.get(checkpoint.id.toString());
            String reason;
            if (entry == null) {
                reason = "checkpoint is not recorded in the ledger";
            } else if (!matches(entry, checkpoint)) {
                reason = "checkpoint row differs from its ledger entry";
            } else if (!checkpoint.signedPayload.equals(
                    Checkpoints.statement(tenant, checkpoint.sequence, checkpoint.headHash, checkpoint.signedAt))) {
                reason = "checkpoint row differs from its signed payload";
            } else if (snapshot.hashAt.containsKey(checkpoint.sequence)
                    && !checkpoint.headHash.equals(snapshot.hashAt.get(checkpoint.sequence))) {
                reason = "chain differs from the signed checkpoint";
            } else {
                reason = signatureProblem(tenant, checkpoint);
            }
            if (reason != null) {
                snapshot.offer(new LedgerVerification.BrokenEntry(checkpoint.sequence, null, reason));
            }
        }
        snapshot.checkpointEntries.forEach((id, entry) -> {
            if (!rowIds.contains(id)) {
                snapshot.offer(new LedgerVerification.BrokenEntry(entry.sequence(), null, "checkpoint row missing"));
            }
        });
    }

    /**
     * Each checkpoint vault-service witnessed against the chain and the checkpoint rows; the lowest sequence that
     * contradicts the witness is offered. The witness was read before the snapshot, so a checkpoint signed in between
     * is simply not in it, while a chain that lost entries since a checkpoint was signed cannot hide that.
     */
    private void checkWitnessed(String tenant, Snapshot snapshot) throws SQLException {
        if (snapshot.witnessed == null) {
            return;
        }
        Set<String> held = new HashSet<>();
        snapshot.checkpoints.forEach(c -> held.add(c.sequence + "\n" + c.headHash));
        Map<Long, String> notHeld = new TreeMap<>();
        for (Map.Entry<Long, String> witnessed : snapshot.witnessed.entrySet()) {
            long sequence = witnessed.getKey();
            String reason = null;
            if (sequence > snapshot.headSequence) {
                reason = "vault-service witnessed a checkpoint at sequence " + sequence
                        + " beyond the chain's head: entries removed from the end";
            } else if (!witnessed.getValue().equals(snapshot.hashAt.get(sequence))) {
                // no hash at all means the chain broke below this sequence; that break is reported lower still
                reason = "chain differs from a checkpoint vault-service witnessed";
            } else if (!held.contains(sequence + "\n" + witnessed.getValue())) {
                notHeld.put(sequence, witnessed.getValue());
            }
            if (reason != null) {
                // the witness is in sequence order: nothing after this can be lower
                snapshot.offer(new LedgerVerification.BrokenEntry(sequence, null, reason));
                break;
            }
        }
        for (long sequence : stillNotHeld(tenant, notHeld)) {
            snapshot.offer(new LedgerVerification.BrokenEntry(
                    sequence, null, "vault-service signed a checkpoint the ledger does not hold"));
        }
    }

    /**
     * The witnessed checkpoints whose row the snapshot lacked and the database still lacks now. A checkpoint is
     * signed before its row is stored, so one being created while the snapshot was taken is witnessed but not yet
     * held; it is read again, outside the snapshot, once the snapshot is closed.
     */
    private List<Long> stillNotHeld(String tenant, Map<Long, String> notHeld) throws SQLException {
        if (notHeld.isEmpty()) {
            return List.of();
        }
        Set<Long> found = new HashSet<>();
        try (Connection now = dataSource.getConnection();
                PreparedStatement select = now.prepareStatement(
                        "SELECT sequence, head_hash FROM ledger_checkpoint WHERE tenant = ? AND sequence = ANY (?)")) {
            select.setString(1, tenant);
            select.setArray(2, now.createArrayOf("bigint", notHeld.keySet().toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString(2).equals(notHeld.get(rs.getLong(1)))) {
                        found.add(rs.getLong(1));
                    }
                }
            }
        }
        return notHeld.keySet().stream().filter(s -> !found.contains(s)).toList();
    }

    private static boolean matches(CheckpointEntry entry, Checkpoint checkpoint) {
        return entry.sequence() == checkpoint.sequence
                && checkpoint.headHash.equals(entry.headHash())
                && entry.signedAt() != null
                && instant(entry.signedAt()).equals(Optional.of(checkpoint.signedAt))
                && checkpoint.signer.equals(entry.signer())
                && checkpoint.keyId.equals(entry.keyId())
                && Checkpoints.signatureSha256(checkpoint.signature).equals(entry.signatureSha256());
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(Instant.parse(text));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Null when a trusted key verifies the signature over the stored statement. */
    private String signatureProblem(String tenant, Checkpoint checkpoint) {
        byte[] statement = checkpoint.signedPayload.getBytes(StandardCharsets.UTF_8);
        Optional<CheckpointTrust.TrustedKey> key = trust.keyFor(tenant, checkpoint.signer, checkpoint.keyId);
        if (key.isPresent()
                && Signatures.verify(
                        key.get().algorithm(), key.get().publicKeyPem(), statement, checkpoint.signature)) {
            return null;
        }
        if (Signatures.verify(checkpoint.algorithm, checkpoint.publicKeyPem, statement, checkpoint.signature)) {
            return "checkpoint signed by a key that is not trusted";
        }
        return key.isPresent() ? "checkpoint signature invalid" : "checkpoint signed by a key that is not trusted";
    }

    private static List<Checkpoint> checkpoints(Connection connection, String tenant) throws SQLException {
        List<Checkpoint> result = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id, sequence, head_hash, signed_at, signed_payload, signer, algorithm, key_id, signature,"
                        + " public_key_pem FROM ledger_checkpoint WHERE tenant = ? ORDER BY sequence")) {
            select.setString(1, tenant);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    Checkpoint c = new Checkpoint();
                    c.id = (UUID) rs.getObject(1);
                    c.sequence = rs.getLong(2);
                    c.headHash = rs.getString(3);
                    c.signedAt = rs.getObject(4, OffsetDateTime.class).toInstant();
                    c.signedPayload = rs.getString(5);
                    c.algorithm = rs.getString(7);
                    c.signer = rs.getString(6);
                    c.keyId = rs.getString(8);
                    c.signature = rs.getString(9);
                    c.publicKeyPem = rs.getString(10);
                    result.add(c);
                }
            }
        }
        return result;
    }
}
