package org.compliancesuite.vault.keys;

import io.quarkus.logging.Log;
import io.quarkus.vault.client.VaultClient;
import io.quarkus.vault.client.VaultClientException;
import io.quarkus.vault.client.api.common.VaultHashAlgorithm;
import io.quarkus.vault.client.api.secrets.transit.VaultSecretsTransit;
import io.quarkus.vault.client.api.secrets.transit.VaultSecretsTransitCreateKeyParams;
import io.quarkus.vault.client.api.secrets.transit.VaultSecretsTransitDataKeyType;
import io.quarkus.vault.client.api.secrets.transit.VaultSecretsTransitDecryptParams;
import io.quarkus.vault.client.api.secrets.transit.VaultSecretsTransitEncryptParams;
import io.quarkus.vault.client.api.secrets.transit.VaultSecretsTransitGenerateDataKeyParams;
import io.quarkus.vault.client.api.secrets.transit.VaultSecretsTransitKeyInfo;
import io.quarkus.vault.client.api.secrets.transit.VaultSecretsTransitKeyType;
import io.quarkus.vault.client.api.secrets.transit.VaultSecretsTransitRewrapParams;
import io.quarkus.vault.client.api.secrets.transit.VaultSecretsTransitRotateKeyParams;
import io.quarkus.vault.client.api.secrets.transit.VaultSecretsTransitSignParams;
import io.quarkus.vault.client.api.secrets.transit.VaultSecretsTransitUpdateKeyParams;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.compliancesuite.common.problem.ProblemException;

/**
 * Vault Transit through the quarkus-vault client: token or Kubernetes authentication, TLS with a CA, all configured
 * by the extension ({@code quarkus.vault.*}, mapped from VAULT_* in application.properties). Keys never leave Vault;
 * data keys are the only key material the service sees, and only in envelope mode.
 */
public class TransitKeyProvider implements KeyProvider {

    /**
     * The sys/health answers of a node that can serve this service's Transit calls: 200 active; 429 standby, which
     * forwards requests to the active node; 473 performance standby, which serves Transit encrypt, decrypt, HMAC and
     * sign itself (they write no storage). Not 472: a disaster recovery secondary serves no client requests until it
     * is promoted. Not 474 (standby that cannot reach the active node), 501 (not initialised) or 503 (sealed).
     */
    private static final Set<Integer> HEALTHY = Set.of(200, 429, 473);

    private final VaultClient client;
    private final String mount;
    private final int retryAfterSeconds;
    private final Set<String> ensured = ConcurrentHashMap.newKeySet();

    public TransitKeyProvider(VaultClient client, String mount, int retryAfterSeconds) {
        this.client = client;
        this.mount = mount;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public String id() {
        return "vault";
    }

    private VaultSecretsTransit transit() {
        return client.secrets().transit(mount);
    }

    @Override
    public void ensureKey(String name, KeyType type) {
        if (ensured.contains(name)) {
            return;
        }
        if (read(name).isEmpty()) {
            call(() -> transit()
                    .createKey(
                            name,
                            new VaultSecretsTransitCreateKeyParams()
                                    .setType(VaultSecretsTransitKeyType.valueOf(type.name()))));
            Log.infof("created Transit key %s (%s)", name, type.vaultName());
        }
        ensured.add(name);
    }

    @Override
    public ProviderCiphertext encrypt(String name, byte[] plaintext, byte[] associatedData) {
        var params = new VaultSecretsTransitEncryptParams().setPlaintext(plaintext);
        if (associatedData != null) {
            params.setAssociatedData(associatedData);
        }
        return parse(call(() -> transit().encrypt(name, params)).getCiphertext());
    }

    @Override
    public byte[] decrypt(String name, ProviderCiphertext ciphertext, byte[] associatedData) {
        var params = new VaultSecretsTransitDecryptParams().setCiphertext(format(ciphertext));
        if (associatedData != null) {
            params.setAssociatedData(associatedData);
        }
        return call(() -> transit().decrypt(name, params));
    }

    @Override
    public DataKey dataKey(String name) {
        // datakey/wrapped keeps the plaintext key out of the generation response; it is unwrapped by decrypt, the
        // one operation whose policy already governs who may see key material.
        var generated = call(() -> transit()
                .generateDataKey(
                        VaultSecretsTransitDataKeyType.WRAPPED,
                        name,
                        new VaultSecretsTransitGenerateDataKeyParams().setBits(256)));
        ProviderCiphertext wrapped = parse(generated.getCiphertext());
        return new DataKey(decrypt(name, wrapped, null), wrapped);
    }

    @Override
    public ProviderCiphertext rewrap(String name, ProviderCiphertext ciphertext) {
        var params = new VaultSecretsTransitRewrapParams().setCiphertext(format(ciphertext));
        return parse(call(() -> transit().rewrap(name, params)).getCiphertext());
    }

    @Override
    public Mac hmac(String name, int version, byte[] input) {
        String value = call(() -> transit().hmac(name, VaultHashAlgorithm.SHA2_256, input, version));
        ProviderCiphertext parsed = parse(value);
        return new Mac(parsed.version(), Base64.getDecoder().decode(parsed.body()));
    }

    @Override
    public Signed sign(String name, byte[] input) {
        var result = call(() -> transit().sign(name, new VaultSecretsTransitSignParams().setInput(input)));
        ProviderCiphertext parsed = parse(result.getSignature());
        return new Signed(parsed.version(), Base64.getDecoder().decode(parsed.body()));
    }

    @Override
    public Optional<KeyInfo> read(String name) {
        VaultSecretsTransitKeyInfo info;
        try {
            info = call(() -> transit().readKey(name));
        } catch (CryptoFailure e) {
            return Optional.empty();
        }
        if (info == null) {
            return Optional.empty();
        }
        SortedMap<Integer, Instant> versions = new TreeMap<>();
        Map<Integer, byte[]> publicKeys = new HashMap<>();
        if (info.getKeys() != null) {
            info.getKeys().forEach((version, detail) -> {
                int v = Integer.parseInt(version);
                versions.put(
                        v,
                        detail.getCreationTime() == null
                                ? null
                                : detail.getCreationTime().toInstant());
                if (detail.getPublicKey() != null && !detail.getPublicKey().isBlank()) {
                    publicKeys.put(v, Base64.getDecoder().decode(detail.getPublicKey()));
                }
            });
        }
        Duration period = info.getAutoRotatePeriod() == null ? Duration.ZERO : info.getAutoRotatePeriod();
        return Optional.of(new KeyInfo(
                name,
                info.getType() == null ? null : info.getType().name().toLowerCase(Locale.ROOT),
                info.getLatestVersion() == null ? 0 : info.getLatestVersion(),
                info.getMinDecryptionVersion() == null ? 1 : info.getMinDecryptionVersion(),
                period,
                versions,
                publicKeys));
    }

    @Override
    public void rotate(String name) {
        call(() -> transit().rotateKey(name, new VaultSecretsTransitRotateKeyParams()));
    }

    @Override
    public void configure(String name, Integer minDecryptionVersion, Duration autoRotatePeriod) {
        var params = new VaultSecretsTransitUpdateKeyParams();
        if (minDecryptionVersion != null) {
            params.setMinDecryptionVersion(minDecryptionVersion);
        }
        if (autoRotatePeriod != null) {
            params.setAutoRotatePeriod(autoRotatePeriod);
        }
        call(() -> transit().updateKey(name, params));
    }

    @Override
    public void checkAvailable() {
        Integer status;
        try {
            status = client.sys().health().statusCode().toCompletableFuture().join();
        } catch (RuntimeException e) {
            throw unavailable(e);
        }
        if (status == null || !HEALTHY.contains(status)) {
            Log.warnf("Vault health answered %s", status);
            throw ProblemException.unavailable(
                    "the key service (Vault) is sealed, not initialised or a node that cannot serve requests"
                            + " (sys/health " + status + "); retry later",
                    retryAfterSeconds);
        }
    }

    private static String format(ProviderCiphertext ciphertext) {
        return "vault:v" + ciphertext.version() + ":" + ciphertext.body();
    }

    static ProviderCiphertext parse(String value) {
        if (value == null || !value.startsWith("vault:v")) {
            throw CryptoFailure.malformed("the key service returned an unexpected ciphertext");
        }
        int colon = value.indexOf(':', 7);
        if (colon < 0) {
            throw CryptoFailure.malformed("the key service returned an unexpected ciphertext");
        }
        return new ProviderCiphertext(Integer.parseInt(value.substring(7, colon)), value.substring(colon + 1));
    }

    private <T> T call(Supplier<CompletionStage<T>> operation) {
        try {
            return operation.get().toCompletableFuture().join();
        } catch (CompletionException e) {
            throw translate(e.getCause() == null ? e : e.getCause());
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    private RuntimeException translate(Throwable failure) {
        if (failure instanceof CryptoFailure crypto) {
            return crypto;
        }
        if (failure instanceof VaultClientException vault && vault.getStatus() != null) {
            int status = vault.getStatus();
            String errors = vault.getErrors() == null
                    ? ""
                    : String.join(" ", vault.getErrors()).toLowerCase(Locale.ROOT);
            if (status == 403) {
                // Configuration, not input: the service's token or role lacks a Transit capability.
                Log.warnf("Vault refused the service's credentials for %s", vault.getOperationName());
                return ProblemException.unavailable(
                        "the key service refused this service's credentials; an operator must fix its policy",
                        retryAfterSeconds);
            }
            if (status >= 400 && status < 500 && status != 429) {
                return inputFailure(status, errors);
            }
        }
        return unavailable(failure);
    }

    private static CryptoFailure inputFailure(int status, String errors) {
        if (errors.contains("message authentication failed")) {
            return CryptoFailure.notAuthentic();
        }
        if (errors.contains("disallowed by policy") || errors.contains("too old")) {
            return new CryptoFailure(
                    422,
                    "key-version-retired",
                    "the ciphertext uses a key version below the minimum decryption version");
        }
        if (status == 404 || errors.contains("not found")) {
            return new CryptoFailure(422, "unknown-key", "the key does not exist");
        }
        if (errors.contains("invalid key version") || errors.contains("version")) {
            return new CryptoFailure(
                    422, "unknown-key-version", "the ciphertext names a key version that does not exist");
        }
        return CryptoFailure.malformed("the key service rejected the ciphertext as malformed");
    }

    private ProblemException unavailable(Throwable failure) {
        Log.warnf("Vault unreachable or failing: %s", failure.getClass().getSimpleName());
        return ProblemException.unavailable(
                "the key service (Vault) is unreachable or sealed; retry later", retryAfterSeconds);
    }
}
