package org.compliancesuite.vault.phi;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.compliancesuite.common.chain.HashChain;
import org.compliancesuite.common.problem.ProblemException;
import org.compliancesuite.vault.audit.AuditReferences;
import org.compliancesuite.vault.keys.AesGcm;
import org.compliancesuite.vault.keys.CryptoFailure;
import org.compliancesuite.vault.keys.KeyNames;
import org.compliancesuite.vault.keys.KeyProvider;
import org.compliancesuite.vault.keys.KeyProvider.ProviderCiphertext;
import org.compliancesuite.vault.keys.KeyRing;

/**
 * Per data subject keys for crypto-shredding. A field encrypted for a data subject is first sealed with that
 * subject's random key, then protected by the tenant key as usual. The subject key is stored only wrapped by the
 * tenant's PHI key; shredding deletes it, after which no key anywhere can open those fields. The existence of the
 * row is checked on every decryption, so a shred takes effect on every replica at once.
 */
@ApplicationScoped
public class SubjectKeys {

    @Inject
    EntityManager em;

    @Inject
    KeyProvider provider;

    @Inject
    KeyRing keys;

    @Inject
    AuditReferences references;

    /** Bounds the memory held by unwrapped subject keys; a cleared key costs one provider call to unwrap again. */
    private static final int MAX_CACHED = 10_000;

    private final Map<UUID, byte[]> unwrapped = new ConcurrentHashMap<>();

    public record SubjectKey(UUID id, String subjectRef, byte[] key) {}

    public record Shredded(String dataSubjectRef, UUID keyId, Instant shreddedAt) {}

    /**
     * The subject's key, created on first use; 409 when the subject was shredded. Creation and shredding of one subject
     * take the same lock, so a key can never be created while its subject is being shredded and survive the shred.
     */
    public SubjectKey forEncryption(String tenant, String dataSubject, String actor) {
        String ref = references.dataSubject(tenant, dataSubject);
        String phiKey = keys.key(KeyNames.Purpose.ENCRYPTION, tenant);
        Object[] row = QuarkusTransaction.requiringNew().call(() -> {
            if (shredded(tenant, ref)) {
                return null;
            }
            Object[] existing = byRef(tenant, ref);
            if (existing != null) {
                return existing;
            }
            lockSubject(tenant, ref);
            if (shredded(tenant, ref)) {
                return null;
            }
            existing = byRef(tenant, ref);
            if (existing != null) {
                return existing;
            }
            UUID id = UUID.randomUUID();
            byte[] fresh = AesGcm.randomKey();
            ProviderCiphertext wrapped = provider.encrypt(phiKey, fresh, null);
            em.createNativeQuery(
                            "INSERT INTO subject_key (id, tenant, subject_ref, wrapped_key, created_at, created_by)"
                                    + " VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
                    .setParameter(1, id)
                    .setParameter(2, tenant)
                    .setParameter(3, ref)
                    .setParameter(4, wrapped.version() + ":" + wrapped.body())
                    .setParameter(5, Timestamp.from(Instant.now()))
                    .setParameter(6, actor)
                    .executeUpdate();
            return new Object[] {id, wrapped.version() + ":" + wrapped.body()};
        });
        if (row == null) {
            throw ProblemException.conflict(
                    "the data subject was crypto-shredded; no new data can be encrypted for it");
        }
        return open(tenant, (UUID) row[0], ref, (String) row[1]);
    }

    /**
     * The subject key a ciphertext names; refused when it was shredded or belongs to no subject of the tenant. The
     * tombstone is checked as well as the key row, so a subject once shredded never decrypts again, whatever rows a
     * restored backup or an earlier version of this service left behind.
     */
    public SubjectKey forDecryption(String tenant, UUID id) {
        Object[] row = QuarkusTransaction.joiningExisting().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("SELECT k.subject_ref, k.wrapped_key, EXISTS (SELECT 1 FROM"
                            + " shredded_subject s WHERE s.tenant = k.tenant AND s.subject_ref = k.subject_ref)"
                            + " FROM subject_key k WHERE k.tenant = ?1 AND k.id = ?2")
                    .setParameter(1, tenant)
                    .setParameter(2, id)
                    .getResultList();
            return rows.isEmpty() ? null : rows.getFirst();
        });
        if (row == null || Boolean.TRUE.equals(row[2])) {
            unwrapped.remove(id);
            if (row != null || shreddedKey(tenant, id)) {
                throw shreddedFailure();
            }
            throw CryptoFailure.notAuthentic();
        }
        return open(tenant, id, (String) row[0], (String) row[1]);
    }

    private static CryptoFailure shreddedFailure() {
        return new CryptoFailure(
                422,
                "shredded",
                "the data subject's key was destroyed (crypto-shredded); this ciphertext can never be decrypted");
    }

    private SubjectKey open(String tenant, UUID id, String ref, String wrapped) {
        if (unwrapped.size() >= MAX_CACHED) {
            unwrapped.clear();
        }
        byte[] key = unwrapped.computeIfAbsent(id, k -> {
            int colon = wrapped.indexOf(':');
            return provider.decrypt(
                    keys.key(KeyNames.Purpose.ENCRYPTION, tenant),
                    new ProviderCiphertext(Integer.parseInt(wrapped.substring(0, colon)), wrapped.substring(colon + 1)),
                    null);
        });
        return new SubjectKey(id, ref, key);
    }

    /**
     * Destroys the subject's key. Irreversible by design: the wrapped key is deleted, a tombstone keeps the fact (who,
     * when, why) and refuses new encryption for the subject. Database backups still holding the row must expire
     * (README, known limitations).
     */
    public Shredded shred(String tenant, String dataSubject, String actor, String reason) {
        String ref = references.dataSubject(tenant, dataSubject);
        Instant now = Instant.now();
        Shredded result = QuarkusTransaction.requiringNew().call(() -> {
            // Waits for a key creation of the same subject in flight, whose row this shred must then delete.
            lockSubject(tenant, ref);
            if (shredded(tenant, ref)) {
                return null;
            }
            Object[] existing = byRef(tenant, ref);
            UUID keyId = existing == null ? UUID.randomUUID() : (UUID) existing[0];
            em.createNativeQuery("DELETE FROM subject_key WHERE tenant = ?1 AND subject_ref = ?2")
                    .setParameter(1, tenant)
                    .setParameter(2, ref)
                    .executeUpdate();
            em.createNativeQuery("INSERT INTO shredded_subject (tenant, subject_ref, key_id, shredded_at, shredded_by,"
                            + " reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
                    .setParameter(1, tenant)
                    .setParameter(2, ref)
                    .setParameter(3, keyId)
                    .setParameter(4, Timestamp.from(now))
                    .setParameter(5, actor)
                    .setParameter(6, reason)
                    .executeUpdate();
            return new Shredded(ref, keyId, now);
        });
        if (result == null) {
            throw ProblemException.conflict("the data subject was already crypto-shredded");
        }
        unwrapped.remove(result.keyId());
        Log.infof("data subject key %s crypto-shredded", result.keyId());
        return result;
    }

    /** Moves subject keys wrapped below the minimum to the latest PHI key version before the minimum is raised. */
    public int rewrapBelow(String tenant, int minimum) {
        String phiKey = keys.key(KeyNames.Purpose.ENCRYPTION, tenant);
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery(
                            "SELECT id, wrapped_key FROM subject_key WHERE tenant = ?1 FOR UPDATE")
                    .setParameter(1, tenant)
                    .getResultList();
            int moved = 0;
            for (Object[] row : rows) {
                String wrapped = (String) row[1];
                int colon = wrapped.indexOf(':');
                int version = Integer.parseInt(wrapped.substring(0, colon));
                if (version >= minimum) {
                    continue;
                }
                ProviderCiphertext next =
                        provider.rewrap(phiKey, new ProviderCiphertext(version, wrapped.substring(colon + 1)));
                em.createNativeQuery("UPDATE subject_key SET wrapped_key = ?1 WHERE id = ?2")
                        .setParameter(1, next.version() + ":" + next.body())
                        .setParameter(2, row[0])
                        .executeUpdate();
                moved++;
            }
            return moved;
        });
    }

    /**
     * Serialises key creation and shredding of one data subject across threads and replicas: a transaction-scoped
     * advisory lock on a 64-bit digest of tenant and subject reference. Two subjects sharing a digest only wait for
     * each other.
     */
    private void lockSubject(String tenant, String ref) {
        byte[] digest =
                HashChain.sha256().digest(("subject-key\n" + tenant + "\n" + ref).getBytes(StandardCharsets.UTF_8));
        em.createNativeQuery("SELECT pg_advisory_xact_lock(?1)")
                .setParameter(1, ByteBuffer.wrap(digest).getLong())
                .getSingleResult();
    }

    private Object[] byRef(String tenant, String ref) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "SELECT id, wrapped_key FROM subject_key WHERE tenant = ?1 AND subject_ref = ?2")
                .setParameter(1, tenant)
                .setParameter(2, ref)
                .getResultList();
        return rows.isEmpty() ? null : rows.getFirst();
    }

    private boolean shredded(String tenant, String ref) {
        return !em.createNativeQuery("SELECT 1 FROM shredded_subject WHERE tenant = ?1 AND subject_ref = ?2")
                .setParameter(1, tenant)
                .setParameter(2, ref)
                .getResultList()
                .isEmpty();
    }

    private boolean shreddedKey(String tenant, UUID id) {
        return QuarkusTransaction.joiningExisting()
                .call(() -> !em.createNativeQuery("SELECT 1 FROM shredded_subject WHERE tenant = ?1 AND key_id = ?2")
                        .setParameter(1, tenant)
                        .setParameter(2, id)
                        .getResultList()
                        .isEmpty());
    }
}
