package org.compliancesuite.vault.keys;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The tenant's keys as the crypto paths need them: created on first use, and their metadata (latest and minimum
 * decryption version) cached for a short time so that envelope mode can refuse retired versions without a provider
 * call per field. A change made through this replica is seen at once; one made elsewhere within
 * {@code vault.key-metadata-ttl}.
 */
@ApplicationScoped
public class KeyRing {

    @Inject
    KeyProvider provider;

    @Inject
    KeyNames names;

    @ConfigProperty(name = "vault.key-metadata-ttl")
    Duration ttl;

    private record Cached(KeyInfo info, Instant fetched) {}

    private final Map<String, Cached> metadata = new ConcurrentHashMap<>();

    /** The tenant's provider key name for the purpose, created when missing. */
    public String key(KeyNames.Purpose purpose, String tenant) {
        String name = names.providerName(purpose, tenant);
        provider.ensureKey(name, purpose.type());
        return name;
    }

    public KeyInfo info(KeyNames.Purpose purpose, String tenant) {
        String name = key(purpose, tenant);
        Cached cached = metadata.get(name);
        if (cached != null && cached.fetched().plus(ttl).isAfter(Instant.now())) {
            return cached.info();
        }
        KeyInfo info = provider.read(name).orElseThrow(() -> CryptoFailure.unknownKey(names.logicalName(purpose)));
        metadata.put(name, new Cached(info, Instant.now()));
        return info;
    }

    /** Refuses a version below the minimum decryption version or above the latest. */
    public void checkDecryptable(KeyNames.Purpose purpose, String tenant, int version) {
        KeyInfo info = info(purpose, tenant);
        if (version < info.minDecryptionVersion()) {
            throw CryptoFailure.belowMinimum(version, info.minDecryptionVersion());
        }
        if (version > info.latestVersion()) {
            // Possibly rotated on another replica since the cache was filled: ask again before refusing.
            metadata.remove(info.name());
            if (version > info(purpose, tenant).latestVersion()) {
                throw new CryptoFailure(
                        422, "unknown-key-version", "the ciphertext names a key version that does not exist");
            }
        }
    }

    public void forget(String providerName) {
        metadata.remove(providerName);
    }
}
