package org.compliancesuite.evidence.ledger;

import io.quarkus.logging.Log;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.compliancesuite.evidence.upstream.UpstreamFailure;
import org.compliancesuite.evidence.upstream.VaultClient;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The public keys a checkpoint may be signed with, from sources a database writer cannot change: the configured key
 * files for the {@code config} signer, and vault-service for the {@code vault-service} signer. The public key stored in
 * a checkpoint row is never trusted: whoever can rewrite the chain can also re-sign its checkpoints with a key of their
 * own and store that key beside them.
 */
@ApplicationScoped
public class CheckpointTrust {

    /** A key to check a signature with, and the algorithm it signs with. */
    public record TrustedKey(String keyId, String algorithm, String publicKeyPem) {}

    @ConfigProperty(name = "evidence.checkpoint.public-key-location")
    Optional<String> publicKeyLocation;

    /** Earlier configured public keys, so checkpoints signed before a key change still verify. */
    @ConfigProperty(name = "evidence.checkpoint.previous-public-key-locations")
    Optional<List<String>> previousPublicKeyLocations;

    @Inject
    @RestClient
    VaultClient vault;

    private final Map<String, TrustedKey> configured = new HashMap<>();

    /** Per tenant and key version; a version's public key never changes, so entries never expire. */
    private final Map<String, TrustedKey> vaultKeys = new ConcurrentHashMap<>();

    @PostConstruct
    void loadConfiguredKeys() {
        publicKeyLocation.ifPresent(this::addConfigured);
        previousPublicKeyLocations.orElse(List.of()).stream()
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .forEach(this::addConfigured);
    }

    private void addConfigured(String location) {
        String pem = Signatures.normalisedPem(Signatures.readPem(location));
        try {
            Signatures.publicKey(pem, "Ed25519");
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "the checkpoint public key at " + location + " is not a PEM Ed25519 key", e);
        }
        String keyId = Signatures.configuredKeyId(pem);
        configured.put(keyId, new TrustedKey(keyId, ConfiguredKeySigner.ALGORITHM, pem));
    }

    /**
     * The trusted key for a checkpoint's signer and key id, or empty when no trust anchor knows that key.
     *
     * @throws org.compliancesuite.common.problem.ProblemException 503 when vault-service must be asked and cannot
     *     answer
     */
    public Optional<TrustedKey> keyFor(String tenant, String signer, String keyId) {
        if (ConfiguredKeySigner.SIGNER.equals(signer)) {
            return Optional.ofNullable(configured.get(keyId));
        }
        if (VaultServiceSigner.SERVICE.equals(signer)) {
            return vaultKey(tenant, keyId);
        }
        return Optional.empty();
    }

    /** vault-service's key id is {@code keyName:keyVersion}; the version is asked for explicitly and must match. */
    Optional<TrustedKey> vaultKey(String tenant, String keyId) {
        TrustedKey cached = vaultKeys.get(tenant + "\n" + keyId);
        if (cached != null) {
            return Optional.of(cached);
        }
        int colon = keyId.lastIndexOf(':');
        Integer version;
        try {
            version = colon < 0 ? null : Integer.valueOf(keyId.substring(colon + 1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (version == null) {
            return Optional.empty();
        }
        VaultClient.PublicKey key;
        try {
            key = vault.publicKey(version);
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 404) {
                // vault-service knows no such version of the tenant's signing key: nothing vouches for it
                return Optional.empty();
            }
            throw UpstreamFailure.unavailable(VaultServiceSigner.SERVICE, e);
        } catch (RuntimeException e) {
            throw UpstreamFailure.unavailable(VaultServiceSigner.SERVICE, e);
        }
        if (key == null || key.keyName() == null || key.keyVersion() == null || key.publicKeyPem() == null) {
            return Optional.empty();
        }
        String answered = key.keyName() + ":" + key.keyVersion();
        TrustedKey trusted = new TrustedKey(answered, key.algorithm(), Signatures.normalisedPem(key.publicKeyPem()));
        vaultKeys.put(tenant + "\n" + answered, trusted);
        if (!answered.equals(keyId)) {
            Log.infof("vault-service answered key %s when asked for %s of tenant %s", answered, keyId, tenant);
            return Optional.empty();
        }
        return Optional.of(trusted);
    }
}
