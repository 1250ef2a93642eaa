package org.compliancesuite.vault.audit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.compliancesuite.vault.keys.AesGcm;
import org.compliancesuite.vault.keys.KeyNames;
import org.compliancesuite.vault.keys.KeyProvider;

/**
 * Keyed references to data subjects and records for the audit log: HMAC-SHA256 under a per-tenant secret. A plain
 * SHA-256 of an SSN can be reversed by trying all 10^9 values; without the secret, the reference reveals nothing.
 * The secret is random, stored in PostgreSQL wrapped by the tenant's AUDIT_HMAC_KEY_NAME key of the provider, and
 * kept unwrapped in memory so that auditing costs no extra provider call per request.
 */
@ApplicationScoped
public class AuditReferences {

    private static final String PURPOSE = "audit-hmac";

    @Inject
    EntityManager em;

    @Inject
    KeyProvider provider;

    @Inject
    KeyNames names;

    private final Map<String, byte[]> secrets = new ConcurrentHashMap<>();

    /** The reference of a data subject identifier (trimmed; identifiers are case-sensitive). */
    public String dataSubject(String tenant, String dataSubject) {
        return dataSubject == null ? null : reference(tenant, "data-subject", dataSubject.strip());
    }

    public String record(String tenant, String record) {
        return record == null ? null : reference(tenant, "record", record.strip());
    }

    private String reference(String tenant, String kind, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret(tenant), "HmacSHA256"));
            byte[] digest = mac.doFinal((kind + "\n" + value).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by the Java platform", e);
        }
    }

    private byte[] secret(String tenant) {
        byte[] cached = secrets.get(tenant);
        if (cached != null) {
            return cached;
        }
        String keyName = names.providerName(KeyNames.Purpose.AUDIT_HMAC, tenant);
        provider.ensureKey(keyName, KeyNames.Purpose.AUDIT_HMAC.type());
        String wrapped = QuarkusTransaction.requiringNew().call(() -> {
            String existing = stored(tenant);
            if (existing != null) {
                return existing;
            }
            byte[] fresh = AesGcm.randomKey();
            KeyProvider.ProviderCiphertext sealed = provider.encrypt(keyName, fresh, null);
            em.createNativeQuery(
                            "INSERT INTO tenant_secret (tenant, purpose, wrapped, created_at) VALUES (?1, ?2, ?3, ?4)"
                                    + " ON CONFLICT (tenant, purpose) DO NOTHING")
                    .setParameter(1, tenant)
                    .setParameter(2, PURPOSE)
                    .setParameter(3, sealed.version() + ":" + sealed.body())
                    .setParameter(4, Timestamp.from(Instant.now()))
                    .executeUpdate();
            // Another replica may have won the insert: everyone uses the stored secret.
            return stored(tenant);
        });
        int colon = wrapped.indexOf(':');
        byte[] secret = provider.decrypt(
                keyName,
                new KeyProvider.ProviderCiphertext(
                        Integer.parseInt(wrapped.substring(0, colon)), wrapped.substring(colon + 1)),
                null);
        secrets.put(tenant, secret);
        return secret;
    }

    /**
     * Moves the wrapped secret to the latest version of the audit HMAC key before its minimum decryption version is
     * raised; the secret itself (and so every reference already written) stays the same. Wrapped without associated
     * data for this reason: Transit's rewrap takes none.
     */
    public void rewrapBelow(String tenant, int minimum) {
        String keyName = names.providerName(KeyNames.Purpose.AUDIT_HMAC, tenant);
        QuarkusTransaction.requiringNew().run(() -> {
            String wrapped = stored(tenant);
            if (wrapped == null || Integer.parseInt(wrapped.substring(0, wrapped.indexOf(':'))) >= minimum) {
                return;
            }
            int colon = wrapped.indexOf(':');
            KeyProvider.ProviderCiphertext moved = provider.rewrap(
                    keyName,
                    new KeyProvider.ProviderCiphertext(
                            Integer.parseInt(wrapped.substring(0, colon)), wrapped.substring(colon + 1)));
            em.createNativeQuery("UPDATE tenant_secret SET wrapped = ?1 WHERE tenant = ?2 AND purpose = ?3")
                    .setParameter(1, moved.version() + ":" + moved.body())
                    .setParameter(2, tenant)
                    .setParameter(3, PURPOSE)
                    .executeUpdate();
        });
    }

    private String stored(String tenant) {
        @SuppressWarnings("unchecked")
        List<String> rows = em.createNativeQuery("SELECT wrapped FROM tenant_secret WHERE tenant = ?1 AND purpose = ?2")
                .setParameter(1, tenant)
                .setParameter(2, PURPOSE)
                .getResultList();
        return rows.isEmpty() ? null : rows.getFirst();
    }
}
