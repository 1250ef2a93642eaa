package org.compliancesuite.evidence.item;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.compliancesuite.common.chain.HashChain;
import org.compliancesuite.common.problem.ProblemException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code Idempotency-Key} on evidence creation. A key is bound to a fingerprint of the request it first answered, so a
 * client that reuses a key for another request is told so instead of silently getting the first request's evidence,
 * and it expires after {@code EVIDENCE_IDEMPOTENCY_TTL}: a retry comes within minutes, and a key table that only grows
 * would keep every key forever.
 */
@ApplicationScoped
public class IdempotencyKeys {

    @Inject
    EntityManager em;

    @ConfigProperty(name = "evidence.idempotency.ttl")
    Duration ttl;

    /** A client's key and the fingerprint of the request that carries it. */
    public record Key(String value, String fingerprint) {}

    /**
     * The fingerprint of a request: SHA-256 hex over its method, path and the canonical JSON of what describes it
     * (the JSON body, or the metadata, announced digest, media type and file name of an upload).
     */
    public static String fingerprint(String method, String path, Map<String, ?> request) {
        return HashChain.sha256Hex(
                (method + " " + path + "\n" + HashChain.canonicalJson(request)).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reserves the key for this request, in the caller's transaction. A concurrent request with the same key waits on
     * the key's row until the first one commits, then gets the first one's evidence; an expired key is taken over.
     *
     * @return the evidence of an earlier request with the same key, or empty when this request is the first
     * @throws ProblemException 422 when the key was used for a different request
     */
    Optional<UUID> claim(String tenant, Key key, UUID evidenceId) {
        Instant now = Instant.now();
        int claimed = em.createNativeQuery("INSERT INTO idempotency_key (tenant, idempotency_key, evidence_id,"
                        + " created_at, fingerprint) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (tenant, idempotency_key)"
                        + " DO UPDATE SET evidence_id = EXCLUDED.evidence_id, created_at = EXCLUDED.created_at,"
                        + " fingerprint = EXCLUDED.fingerprint WHERE idempotency_key.created_at < ?6")
                .setParameter(1, tenant)
                .setParameter(2, key.value())
                .setParameter(3, evidenceId)
                .setParameter(4, now)
                .setParameter(5, key.fingerprint())
                .setParameter(6, now.minus(ttl))
                .executeUpdate();
        if (claimed == 1) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> first = em.createNativeQuery("SELECT evidence_id, fingerprint FROM idempotency_key"
                        + " WHERE tenant = ?1 AND idempotency_key = ?2")
                .setParameter(1, tenant)
                .setParameter(2, key.value())
                .getResultList();
        Object[] row = first.getFirst();
        if (!key.fingerprint().equals(row[1])) {
            throw ProblemException.unprocessable("Idempotency-Key reused with a different request");
        }
        return Optional.of((UUID) row[0]);
    }

    @Scheduled(
            every = "${evidence.idempotency.purge-every}",
            delayed = "${evidence.idempotency.purge-every}",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduledPurge() {
        purge();
    }

    /** Removes expired keys and returns how many; every replica may run it, the delete is the same whoever runs it. */
    public int purge() {
        Instant expiredBefore = Instant.now().minus(ttl);
        int purged = QuarkusTransaction.requiringNew()
                .call(() -> em.createNativeQuery("DELETE FROM idempotency_key WHERE created_at < ?1")
                        .setParameter(1, expiredBefore)
                        .executeUpdate());
        if (purged > 0) {
            Log.infof("%d idempotency keys older than %s purged", purged, ttl);
        }
        return purged;
    }
}
