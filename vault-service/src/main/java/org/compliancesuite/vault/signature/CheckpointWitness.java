package org.compliancesuite.vault.signature;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * What the checkpoint key signed, per tenant and chain sequence, in this service's own database. evidence-service's
 * verification compares its chain with this list: whoever can write evidence-service's database and holds a token
 * allowed to sign can rewrite the chain and have new checkpoints signed, but cannot take back what was witnessed.
 *
 * <p>Rows are only ever inserted (the database refuses changes and deletions, V3); this class has no other write. One
 * head per sequence: signing another head at a witnessed sequence is refused, the same head again is a retry.
 */
@ApplicationScoped
class CheckpointWitness {

    /** What the witness holds of one signed statement. */
    record Witnessed(
            long sequence, String headHash, String signedAt, int keyVersion, String signedBy, Instant recordedAt) {}

    /** A sequence already witnessed with a different head hash. */
    static final class AnotherHead extends RuntimeException {
        AnotherHead() {
            super("sequence-already-signed-with-another-head", null, false, false);
        }
    }

    @Inject
    EntityManager em;

    /** The head hash witnessed at the tenant's sequence, if any. */
    Optional<String> head(String tenant, long sequence) {
        List<?> heads = QuarkusTransaction.requiringNew()
                .call(() -> em.createNativeQuery(
                                "SELECT head_hash FROM witnessed_checkpoint WHERE tenant = ?1 AND sequence = ?2")
                        .setParameter(1, tenant)
                        .setParameter(2, sequence)
                        .getResultList());
        return heads.isEmpty() ? Optional.empty() : Optional.of((String) heads.getFirst());
    }

    /**
     * Records a signed statement, or nothing when its sequence is already witnessed with the same head (a retried
     * checkpoint, or two replicas signing the same head at once).
     *
     * @throws AnotherHead when the sequence is witnessed with another head, including by a request that won a race
     */
    void record(CheckpointStatement statement, int keyVersion, String signedBy) {
        // ON CONFLICT waits for a concurrent insert of the same key to commit or roll back, so the loser of a race
        // then reads the winner's row: never two heads for one sequence, on one replica or several.
        int inserted = QuarkusTransaction.requiringNew()
                .call(() -> em.createNativeQuery(
                                "INSERT INTO witnessed_checkpoint (tenant, sequence, head_hash, signed_at, key_version,"
                                        + " signed_by, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, now())"
                                        + " ON CONFLICT (tenant, sequence) DO NOTHING")
                        .setParameter(1, statement.tenant())
                        .setParameter(2, statement.sequence())
                        .setParameter(3, statement.headHash())
                        .setParameter(4, statement.signedAt())
                        .setParameter(5, keyVersion)
                        .setParameter(6, signedBy)
                        .executeUpdate());
        if (inserted == 1) {
            return;
        }
        String witnessed = head(statement.tenant(), statement.sequence())
                .orElseThrow(() -> new IllegalStateException("a conflicting witness row is not visible"));
        if (!witnessed.equals(statement.headHash())) {
            throw new AnotherHead();
        }
    }

    /** One page of the tenant's witnessed checkpoints from a sequence on, in sequence order, and how many there are. */
    record Page(List<Witnessed> items, long total) {}

    /** Items and total are read from one snapshot, so they agree with each other. */
    Page list(String tenant, long fromSequence, int page, int size) {
        return QuarkusTransaction.requiringNew().call(() -> {
            em.createNativeQuery("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                    .executeUpdate();
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery(
                            "SELECT sequence, head_hash, signed_at, key_version, signed_by, recorded_at"
                                    + " FROM witnessed_checkpoint WHERE tenant = ?1 AND sequence >= ?2"
                                    + " ORDER BY sequence LIMIT ?3 OFFSET ?4")
                    .setParameter(1, tenant)
                    .setParameter(2, fromSequence)
                    .setParameter(3, size)
                    .setParameter(4, (long) page * size)
                    .getResultList();
            long total = ((Number) em.createNativeQuery(
                                    "SELECT count(*) FROM witnessed_checkpoint WHERE tenant = ?1 AND sequence >= ?2")
                            .setParameter(1, tenant)
                            .setParameter(2, fromSequence)
                            .getSingleResult())
                    .longValue();
            return new Page(rows.stream().map(CheckpointWitness::witnessed).toList(), total);
        });
    }

    private static Witnessed witnessed(Object[] row) {
        return new Witnessed(
                ((Number) row[0]).longValue(),
                (String) row[1],
                (String) row[2],
                ((Number) row[3]).intValue(),
                (String) row[4],
                instant(row[5]));
    }

    private static Instant instant(Object value) {
        return switch (value) {
            case Instant i -> i;
            case OffsetDateTime o -> o.toInstant();
            case java.sql.Timestamp t -> t.toInstant();
            default -> throw new IllegalStateException("unexpected timestamp type " + value.getClass());
        };
    }
}
