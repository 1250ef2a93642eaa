package org.compliancesuite.vault.phi;

import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.compliancesuite.vault.keys.AesGcm;
import org.compliancesuite.vault.keys.KeyProvider.DataKey;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Envelope mode's data keys in memory. One current data key per provider key encrypts fields until it reaches
 * {@code vault.envelope.data-key-max-age} or {@code vault.envelope.data-key-max-uses}; unwrapped keys for decryption
 * are kept for the same age, at most {@code vault.envelope.decrypt-cache-size} of them. Only plaintext key material
 * the provider handed out lives here; it is dropped (not zeroised: the JVM cannot promise that) when it expires.
 */
@ApplicationScoped
@Startup
public class DataKeyCache {

    @ConfigProperty(name = "vault.envelope.data-key-max-age")
    Duration maxAge;

    @ConfigProperty(name = "vault.envelope.data-key-max-uses")
    long maxUses;

    @ConfigProperty(name = "vault.envelope.decrypt-cache-size")
    int decryptCacheSize;

    private record Current(DataKey key, Instant created, AtomicLong uses) {}

    private record Unwrapped(byte[] key, Instant created) {}

    private final Map<String, Current> current = new ConcurrentHashMap<>();
    private final Map<String, Unwrapped> unwrapped = new ConcurrentHashMap<>();
    private final Map<String, Object> renewals = new ConcurrentHashMap<>();

    /** Created at start, so that a use limit beyond what AES-GCM allows stops the service before any encryption. */
    @PostConstruct
    void checkLimits() {
        if (maxUses < 1 || maxUses > AesGcm.MAX_MESSAGES_PER_KEY) {
            // NIST SP 800-38D section 8.3: at most 2^32 messages under one key with random 96-bit nonces
            throw new IllegalStateException("DATA_KEY_MAX_USES must be between 1 and " + AesGcm.MAX_MESSAGES_PER_KEY);
        }
    }

    /**
     * The data key to encrypt the next field under the provider key, renewed when old or used up. A renewal costs
     * two provider round trips; it holds a lock of its own provider key only, so that the renewals of other tenants'
     * keys, and encryptions under keys that are still fresh, never wait for it.
     */
    public DataKey forEncryption(String providerKey, Supplier<DataKey> fresh) {
        while (true) {
            Current entry = current.get(providerKey);
            if (entry != null && fresh(entry.created()) && entry.uses().incrementAndGet() <= maxUses) {
                return entry.key();
            }
            synchronized (renewals.computeIfAbsent(providerKey, k -> new Object())) {
                Current again = current.get(providerKey);
                if (again == entry) {
                    current.put(providerKey, new Current(fresh.get(), Instant.now(), new AtomicLong()));
                }
            }
        }
    }

    /** The plaintext of a wrapped data key, unwrapping it through the provider on a miss. */
    public byte[] forDecryption(String providerKey, int version, String wrapped, Supplier<byte[]> unwrap) {
        String id = providerKey + ":" + version + ":" + wrapped;
        Unwrapped entry = unwrapped.get(id);
        if (entry != null && fresh(entry.created())) {
            return entry.key();
        }
        byte[] key = unwrap.get();
        if (unwrapped.size() >= decryptCacheSize) {
            unwrapped.entrySet().removeIf(e -> !fresh(e.getValue().created()));
            if (unwrapped.size() >= decryptCacheSize) {
                unwrapped.clear();
            }
        }
        unwrapped.put(id, new Unwrapped(key, Instant.now()));
        return key;
    }

    /** After a rotation, new fields must use the new version at once. */
    public void forget(String providerKey) {
        current.remove(providerKey);
        unwrapped.keySet().removeIf(id -> id.startsWith(providerKey + ":"));
    }

    private boolean fresh(Instant created) {
        return created.plus(maxAge).isAfter(Instant.now());
    }
}
