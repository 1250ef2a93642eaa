package org.compliancesuite.evidence.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.compliancesuite.common.chain.HashChain;
import org.compliancesuite.evidence.TestData;

/**
 * What an attacker with write access to the database can do to hide a change: recompute every entry's hash and the
 * head, so that the chain alone is consistent again. Tests use it to show what still catches the change.
 */
final class ChainForgery {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChainForgery() {}

    /** Relinks the tenant's whole chain from the stored columns and moves the head to the new last hash. */
    static void relink(AgroalDataSource db, String tenant) {
        List<List<Object>> rows = TestData.rows(
                db,
                "SELECT sequence, event, evidence_id::text, content_sha256, actor, occurred_at, details"
                        + " FROM ledger_entry WHERE tenant = ? ORDER BY sequence",
                tenant);
        String previous = HashChain.GENESIS;
        for (List<Object> row : rows) {
            long sequence = ((Number) row.get(0)).longValue();
            LedgerEvent event = new LedgerEvent(
                    tenant,
                    (String) row.get(1),
                    row.get(2) == null ? null : UUID.fromString((String) row.get(2)),
                    (String) row.get(3),
                    (String) row.get(4),
                    (String) row.get(5),
                    (String) row.get(6));
            String hash = HashChain.link(previous, sequence, event.canonical());
            TestData.update(
                    db,
                    "UPDATE ledger_entry SET previous_hash = ?, hash = ? WHERE tenant = ? AND sequence = ?",
                    previous,
                    hash,
                    tenant,
                    sequence);
            previous = hash;
        }
        TestData.update(db, "UPDATE ledger_head SET head_hash = ? WHERE tenant = ?", previous, tenant);
    }

    static String hashAt(AgroalDataSource db, String tenant, long sequence) {
        return (String)
                TestData.rows(db, "SELECT hash FROM ledger_entry WHERE tenant = ? AND sequence = ?", tenant, sequence)
                        .getFirst()
                        .getFirst();
    }

    /**
     * Signs a statement of the current head hash at the checkpoint's sequence with a new key, stores signature and
     * public key in the checkpoint row, makes the chain's checkpoint entry name the new signature, and relinks.
     */
    static void resign(AgroalDataSource db, String tenant, String checkpointId, Instant signedAt) {
        try {
            long sequence = ((Number)
                            TestData.rows(db, "SELECT sequence FROM ledger_checkpoint WHERE id = ?::uuid", checkpointId)
                                    .getFirst()
                                    .getFirst())
                    .longValue();
            String head = hashAt(db, tenant, sequence);
            String statement = Checkpoints.statement(tenant, sequence, head, signedAt);
            KeyPair own = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(own.getPrivate());
            signer.update(statement.getBytes(StandardCharsets.UTF_8));
            String signature = Base64.getEncoder().encodeToString(signer.sign());
            String pem = "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getEncoder().encodeToString(own.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n";
            TestData.update(
                    db,
                    "UPDATE ledger_checkpoint SET head_hash = ?, signed_payload = ?, signature = ?, public_key_pem = ?"
                            + " WHERE id = ?::uuid",
                    head,
                    statement,
                    signature,
                    pem,
                    checkpointId);
            String details = (String) TestData.rows(
                            db,
                            "SELECT details FROM ledger_entry WHERE tenant = ? AND event = 'checkpoint'"
                                    + " AND details LIKE ?",
                            tenant,
                            "%" + checkpointId + "%")
                    .getFirst()
                    .getFirst();
            Map<String, Object> fields = JSON.readValue(details, new TypeReference<>() {});
            fields.put("headHash", head);
            fields.put("signatureSha256", HashChain.sha256Hex(signature.getBytes(StandardCharsets.UTF_8)));
            TestData.update(
                    db,
                    "UPDATE ledger_entry SET details = ? WHERE tenant = ? AND details = ?",
                    HashChain.canonicalJson(fields),
                    tenant,
                    details);
            relink(db, tenant);
        } catch (GeneralSecurityException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
